using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime.Tensors;
using Providers.ColQwen.Onnx.Inference;

namespace Providers.ColQwen.Onnx.Tests.Inference;

/// <summary>The host-side conversions the client uses for graphs exported in float16 or bfloat16.</summary>
public class RealTensorsTests
{
    [Fact]
    public void Rounds_float32_to_bfloat16_to_nearest_even_as_PyTorch_does()
    {
        // bfloat16 steps by 2^-7 near 1: 1 + 2^-8 and 1 + 3 * 2^-8 lie halfway, and go to the even neighbour (1 and 1 + 2^-6).
        float[] values = [1f, 1f + (1f / 256), 1f + (3f / 256), -2.5f, 65504f];

        using var tensor = RealTensors.From(values, [values.Length], TensorElementType.BFloat16);

        ushort[] bits = MemoryMarshal.Cast<byte, ushort>(tensor.GetTensorDataAsSpan<byte>()).ToArray();
        Assert.Equal([0x3F80, 0x3F80, 0x3F82, 0xC020, 0x4780], bits);
        float[] back = RealTensors.Read(tensor, (read, _) => read.ToArray());
        Assert.Equal([1f, 1f, 1.015625f, -2.5f, 65536f], back);
    }

    [Fact]
    public void Converts_between_float32_and_float16_keeping_the_shape()
    {
        float[] values = [0.1f, -3f, 1024.5f, 6e-5f];

        using var half = RealTensors.From(values, [2, 2], TensorElementType.Float16);
        using var single = RealTensors.ConvertIfNeeded(half, TensorElementType.Float);

        Assert.Null(RealTensors.ConvertIfNeeded(half, TensorElementType.Float16));
        Assert.Equal([2L, 2], single!.GetTensorTypeAndShape().Shape);
        Assert.Equal(values.Select(v => (float)(Half)v).ToArray(), single.GetTensorDataAsSpan<float>().ToArray());
    }
}
