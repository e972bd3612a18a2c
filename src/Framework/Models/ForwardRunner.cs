using AeFramework.Checkpoints;
using AeFramework.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>The body of <c>ae forward</c>: one inference pass of a backbone over a batch stored as safetensors.</summary>
public static class ForwardRunner
{
    /// <summary>Name of the image batch [B, 3, H, W] in the input file.</summary>
    public const string InputName = "input";

    /// <summary>Name of the predictions [B, Stacks, Outputs, H/4, W/4] in the output file.</summary>
    public const string OutputName = "output";

    /// <summary>
    /// Loads <paramref name="weightsPath"/> into <paramref name="model"/> (strictly), moves it to
    /// <paramref name="device"/>, reads the floating-point tensor <c>input</c> [B, 3, H, W] from the safetensors
    /// file <paramref name="inputPath"/>, runs the model in eval mode without gradients and writes its
    /// predictions as the tensor <c>output</c> to <paramref name="outPath"/> (atomically). Returns the
    /// output's shape. Bad files raise <see cref="AeInputException"/>.
    /// </summary>
    public static long[] Run(IBackbone model, string weightsPath, string inputPath, string outPath, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(device);
        var module = model.Module;
        WeightsFile.LoadInto(module, weightsPath);
        module.to(device);
        module.eval();
        var dtype = module.parameters().FirstOrDefault()?.dtype ?? ScalarType.Float32;

        var input = ReadInput(inputPath, model.InputSizeMultiple);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var images = input.ToTensor().to(dtype, device);
        var output = model.call(images);
        SafeTensors.Save(outPath, new Dictionary<string, Tensor> { [OutputName] = output }, new Dictionary<string, string>
        {
            ["about"] = $"predictions [B, stacks, outputs, H/{model.OutputStride}, W/{model.OutputStride}] of {module.GetType().Name} for '{Path.GetFileName(inputPath)}' with weights '{Path.GetFileName(weightsPath)}'",
        });
        return output.shape;
    }

    private static SafeTensor ReadInput(string path, int sizeMultiple)
    {
        var file = SafeTensors.Load(path);
        if (!file.Contains(InputName))
        {
            throw new AeInputException(path, $"no tensor named '{InputName}' (has: {string.Join(", ", file.Tensors.Keys.Order(StringComparer.Ordinal))}); expected images [B, 3, H, W]", keyPath: InputName);
        }
        var input = file[InputName];
        var shape = input.Shape;
        if (input.DType is not ("F32" or "F64" or "F16" or "BF16"))
        {
            throw new AeInputException(path, $"images must be floating point; got {input.DType}", keyPath: InputName);
        }
        if (shape.Length != 4 || shape[1] != 3 || shape[0] < 1)
        {
            throw new AeInputException(path, $"expected images [B, 3, H, W]; got {InputShape.Describe(shape)}", keyPath: InputName);
        }
        if (shape[2] < 1 || shape[3] < 1 || shape[2] % sizeMultiple != 0 || shape[3] % sizeMultiple != 0)
        {
            throw new AeInputException(path, $"this model needs H and W to be positive multiples of {sizeMultiple}; got {InputShape.Describe(shape)}", keyPath: InputName);
        }
        return input;
    }
}
