using AeFramework.Configuration;

namespace AeFramework.Tests.Configuration;

public class ConfigLoaderTests
{
    private sealed record Inner
    {
        public int A { get; init; } = 1;
        public int B { get; init; } = 2;
        public int[] List { get; init; } = [];
    }

    private sealed record Root
    {
        public Inner Inner { get; init; } = new();
        public string Name { get; init; } = "";
        public double Lr { get; init; }
        public required string Must { get; init; }
    }

    private static string Write(DirectoryInfo dir, string name, string yaml)
    {
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void MapsMergeListsReplaceDeleteRemovesAndReplaceReplaces()
    {
        var dir = Directory.CreateTempSubdirectory("ae-cfg-");
        Write(dir, "a.yaml", "inner: {a: 10, b: 20, list: [1, 2, 3]}\nname: a\nlr: 0.5\nmust: x\n");
        Write(dir, "b.yaml", "inner: {b: 30}\nname: b\n");
        var child = Write(dir, "child.yaml", "_base_: [a.yaml, b.yaml]\ninner:\n  list: [9]\nlr: !delete\n");
        var root = new ConfigBinder().BindOrThrow<Root>(ConfigLoader.Load(child));
        Assert.Equal(10, root.Inner.A);           // from a, untouched by b
        Assert.Equal(30, root.Inner.B);           // b overrides a
        Assert.Equal([9], root.Inner.List);       // lists replace
        Assert.Equal("b", root.Name);
        Assert.Equal(0, root.Lr);                 // deleted: back to the default

        var replace = Write(dir, "replace.yaml", "_base_: a.yaml\ninner:\n  _replace_: true\n  b: 5\n");
        var replaced = new ConfigBinder().BindOrThrow<Root>(ConfigLoader.Load(replace));
        Assert.Equal(1, replaced.Inner.A);        // a's inner map dropped, default back
        Assert.Equal(5, replaced.Inner.B);
        dir.Delete(true);
    }

    [Fact]
    public void OverridesCreateNestedKeysAndParseYamlValues()
    {
        var dir = Directory.CreateTempSubdirectory("ae-cfg-");
        var file = Write(dir, "c.yaml", "must: x\n");
        var root = new ConfigBinder().BindOrThrow<Root>(ConfigLoader.Load(file, ["inner.list=[4, 5]", "inner.a=7", "lr=1e-3"]));
        Assert.Equal([4, 5], root.Inner.List);
        Assert.Equal(7, root.Inner.A);
        Assert.Equal(1e-3, root.Lr);
        dir.Delete(true);
    }

    [Fact]
    public void MissingRequiredValueAndBadYamlArePositioned()
    {
        var missing = Assert.Throws<AeInputException>(() => new ConfigBinder().BindOrThrow<Root>(ConfigLoader.FromText("name: a\n", "m.yaml")));
        Assert.Equal("m.yaml:1:1: must: missing required value (a string)", missing.Message);
        var bad = Assert.Throws<AeInputException>(() => ConfigLoader.FromText("a: [1, 2\nb: 3\n", "bad.yaml"));
        Assert.StartsWith("bad.yaml:", bad.Message);
        Assert.Contains("invalid YAML", bad.Message);
    }

    [Fact]
    public void WrittenConfigReadsBackToTheSameValues()
    {
        var original = new Root { Must = "true", Name = "", Lr = 0.1, Inner = new Inner { List = [1, 2] } };
        var yaml = ConfigWriter.ToYaml(original);
        var back = new ConfigBinder().BindOrThrow<Root>(ConfigLoader.FromText(yaml));
        Assert.Equal(original.Must, back.Must);
        Assert.Equal(original.Name, back.Name);
        Assert.Equal(original.Lr, back.Lr);
        Assert.Equal(original.Inner.List, back.Inner.List);
    }
}
