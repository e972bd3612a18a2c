using System.Text.Json;
using AeFramework.Registry;
using TorchSharp;

namespace AeFramework.Training;

/// <summary>Where metrics go (a registered component of kind metrics_sink).</summary>
[ComponentKind("metrics_sink")]
public interface IMetricsSink : IDisposable
{
    void Write(long step, IReadOnlyDictionary<string, double> values);
}

/// <summary>Options of sinks that need none.</summary>
public sealed record NoOptions;

/// <summary>One JSON object per line: {"step": N, "name": value, ...}, appended and flushed per write.</summary>
public sealed class JsonLinesSink(string path) : IMetricsSink
{
    private readonly StreamWriter _writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));

    public void Write(long step, IReadOnlyDictionary<string, double> values)
    {
        var row = new Dictionary<string, object> { ["step"] = step };
        foreach (var (k, v) in values)
        {
            row[k] = double.IsFinite(v) ? v : v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        _writer.WriteLine(JsonSerializer.Serialize(row));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}

/// <summary>TensorBoard event files through TorchSharp's SummaryWriter.</summary>
public sealed class TensorBoardSink(string directory) : IMetricsSink
{
    private readonly TorchSharp.Modules.SummaryWriter _writer = torch.utils.tensorboard.SummaryWriter(directory);

    public void Write(long step, IReadOnlyDictionary<string, double> values)
    {
        foreach (var (k, v) in values)
        {
            _writer.add_scalar(k, (float)v, (int)step);
        }
    }

    public void Dispose()
    {
    }
}
