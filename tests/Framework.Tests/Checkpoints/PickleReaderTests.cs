using System.Numerics;
using AeFramework.Checkpoints;

namespace AeFramework.Tests.Checkpoints;

public class PickleReaderTests
{
    // CPython 3.11 pickle.dumps(v, protocol=p) of
    //   x = [7]; v = {'a': [1, -2, 3.5, 2**64, -70000, 300], 'b': (True, False, None, 'hé€'),
    //                 'c': b'xy', 'shared': [x, x], 't': (1, 2, 3, 4), 'e': ((), [], {})}
    [Theory]
    [InlineData("286470300a56610a70310a286c70320a49310a61492d320a6146332e350a614c31383434363734343037333730393535313631364c0a61492d37303030300a61493330300a617356620a70330a284930310a4930300a4e5668e95c75323061630a70340a7470350a7356630a70360a635f636f646563730a656e636f64650a70370a285678790a70380a566c6174696e310a70390a747031300a527031310a73567368617265640a7031320a286c7031330a286c7031340a49370a61616731340a617356740a7031350a2849310a49320a49330a49340a747031360a7356650a7031370a282874286c7031380a28647031390a747032300a732e")]
    [InlineData("80027d71002858010000006171015d7102284b014afeffffff47400c0000000000008a090000000000000000014a90eefeff4d2c016558010000006271032888894e580600000068c3a9e282ac71047471055801000000637106635f636f646563730a656e636f64650a710758020000007879710858060000006c6174696e31710986710a52710b5806000000736861726564710c5d710d285d710e4b0761680e65580100000074710f284b014b024b034b047471105801000000657111295d71127d7113877114752e")]
    [InlineData("8004957a000000000000007d94288c0161945d94284b014afeffffff47400c0000000000008a090000000000000000014a90eefeff4d2c01658c0162942888894e8c0668c3a9e282ac9474948c01639443027879948c06736861726564945d94285d944b0761680a658c017494284b014b024b034b0474948c016594295d947d948794752e")]
    [InlineData("8005957a000000000000007d94288c0161945d94284b014afeffffff47400c0000000000008a090000000000000000014a90eefeff4d2c01658c0162942888894e8c0668c3a9e282ac9474948c01639443027879948c06736861726564945d94285d944b0761680a658c017494284b014b024b034b0474948c016594295d947d948794752e")]
    public void ReadsWhatCPythonPicklesAtEveryProtocol(string hex)
    {
        var value = Read(hex);

        var dict = Assert.IsType<Dictionary<object, object?>>(value);
        Assert.Equal(new object[] { "a", "b", "c", "shared", "t", "e" }, dict.Keys);
        var a = Assert.IsType<List<object?>>(dict["a"]);
        Assert.Equal(1L, a[0]);
        Assert.Equal(-2L, a[1]);
        Assert.Equal(3.5, a[2]);
        Assert.Equal(BigInteger.Pow(2, 64), a[3]);
        Assert.Equal(-70000L, a[4]);
        Assert.Equal(300L, a[5]);
        Assert.Equal(new object?[] { true, false, null, "hé€" }, Assert.IsType<object?[]>(dict["b"]));
        Assert.Equal("xy"u8.ToArray(), Assert.IsType<byte[]>(dict["c"]));
        var shared = Assert.IsType<List<object?>>(dict["shared"]);
        Assert.Same(shared[0], shared[1]);
        Assert.Equal(new object?[] { 7L }, Assert.IsType<List<object?>>(shared[0]));
        Assert.Equal(new object?[] { 1L, 2L, 3L, 4L }, Assert.IsType<object?[]>(dict["t"]));
        var e = Assert.IsType<object?[]>(dict["e"]);
        Assert.Empty(Assert.IsType<object?[]>(e[0]));
        Assert.Empty(Assert.IsType<List<object?>>(e[1]));
        Assert.Empty(Assert.IsType<Dictionary<object, object?>>(e[2]));
    }

    [Fact]
    public void UnknownClassesStayInertObjectsWithTheirStateAndItems()
    {
        // CPython: pickle.dumps(argparse.Namespace(a=1), protocol=2)
        var value = Read("80026361726770617273650a4e616d6573706163650a7100298171017d710258010000006171034b0173622e");
        var obj = Assert.IsType<PickleObject>(value);
        Assert.Equal("argparse.Namespace", obj.Type.FullName);
        var state = Assert.IsType<Dictionary<object, object?>>(obj.State);
        Assert.Equal(1L, state["a"]);
    }

    [Theory]
    [InlineData("80024b01", "stream ends before STOP")]
    [InlineData("8002ff", "unsupported pickle opcode 0xff")]
    [InlineData("800268052e", "memo key 5 was never stored")]
    [InlineData("8002742e", "no MARK")]
    public void MalformedStreamsAreInputErrorsWithTheByteOffset(string hex, string message)
    {
        var e = Assert.Throws<AeInputException>(() => Read(hex));
        Assert.Contains("test.pkl: pickle byte ", e.Message);
        Assert.Contains(message, e.Message);
    }

    private static object? Read(string hex) =>
        new PickleReader(Convert.FromHexString(hex), "test.pkl", new TorchPickleResolver("test.pkl", _ => null)).Load();
}
