using TorchSharp;

namespace AeFramework.Experiments;

/// <summary>The <c>device:</c> setting: auto, cpu, cuda or cuda:N.</summary>
public static class DeviceSpec
{
    public static bool TryParse(string text, out (DeviceType Type, int Index, bool Auto) spec)
    {
        spec = default;
        switch (text)
        {
            case "auto": spec = (DeviceType.CPU, -1, true); return true;
            case "cpu": spec = (DeviceType.CPU, -1, false); return true;
            case "cuda": spec = (DeviceType.CUDA, 0, false); return true;
        }
        if (text.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), out var i) && i >= 0)
        {
            spec = (DeviceType.CUDA, i, false);
            return true;
        }
        return false;
    }

    /// <summary>The device to run on; cuda when asked for but absent is bad input.</summary>
    public static torch.Device Resolve(string text, string configFile = "<config>")
    {
        if (!TryParse(text, out var spec))
        {
            throw new AeInputException(configFile, $"expected auto, cpu, cuda or cuda:N, got '{text}'", keyPath: "device");
        }
        if (spec.Auto)
        {
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }
        if (spec.Type == DeviceType.CUDA)
        {
            if (!torch.cuda.is_available())
            {
                throw new AeInputException(configFile, $"device '{text}' asked for, but CUDA is not available (this build uses the {TorchBackendName} backend; build with -p:TorchBackend=cuda)", keyPath: "device");
            }
            if (spec.Index >= torch.cuda.device_count())
            {
                throw new AeInputException(configFile, $"device '{text}' asked for, but only {torch.cuda.device_count()} CUDA device(s) exist", keyPath: "device");
            }
            return new torch.Device(DeviceType.CUDA, spec.Index);
        }
        return torch.CPU;
    }

    private static string TorchBackendName => torch.cuda.is_available() ? "cuda" : "cpu";
}
