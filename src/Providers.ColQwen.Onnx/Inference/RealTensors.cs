using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>
/// Real-valued tensors in whichever precision a graph declares (float32, float16, bfloat16): the client computes
/// in float32 and converts on the way in and out, so a half-precision export needs no other change.
/// </summary>
internal static class RealTensors
{
    /// <summary>
    /// Wraps <paramref name="values"/> (float32 in ordinary host memory: no copy) or converts them into a new tensor of
    /// <paramref name="type"/>, in memory of <paramref name="allocator"/> when one is given (pinned host memory).
    /// </summary>
    public static OrtValue From(Memory<float> values, long[] shape, TensorElementType type, OrtAllocator? allocator = null)
    {
        if (type == TensorElementType.Float && allocator is null)
        {
            return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values, shape);
        }

        var tensor = OrtValue.CreateAllocatedTensorValue(allocator ?? OrtAllocator.DefaultInstance, type, shape);
        Write(values.Span, tensor.GetTensorMutableRawData(), type);
        return tensor;
    }

    /// <summary>An empty tensor (a zero-length dimension) of <paramref name="type"/>.</summary>
    public static OrtValue Empty(long[] shape, TensorElementType type) =>
        OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, type, shape);

    /// <summary>A copy of <paramref name="value"/> in <paramref name="type"/>, or null when it already is of that type.</summary>
    public static OrtValue? ConvertIfNeeded(OrtValue value, TensorElementType type)
    {
        var info = value.GetTensorTypeAndShape();
        if (info.ElementDataType == type)
        {
            return null;
        }

        return Read(value, (values, shape) =>
        {
            var tensor = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, type, shape);
            Write(values, tensor.GetTensorMutableRawData(), type);
            return tensor;
        });
    }

    /// <summary>Hands <paramref name="read"/> the tensor's values as float32 (converted into a pooled buffer when stored in half precision).</summary>
    public static T Read<T>(OrtValue value, Func<ReadOnlySpan<float>, long[], T> read)
    {
        var info = value.GetTensorTypeAndShape();
        long[] shape = info.Shape;
        if (info.ElementDataType == TensorElementType.Float)
        {
            return read(value.GetTensorDataAsSpan<float>(), shape);
        }

        int count = checked((int)info.ElementCount);
        float[] buffer = ArrayPool<float>.Shared.Rent(count);
        try
        {
            var raw = MemoryMarshal.Cast<byte, ushort>(value.GetTensorDataAsSpan<byte>());
            var singles = buffer.AsSpan(0, count);
            if (info.ElementDataType == TensorElementType.Float16)
            {
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<ushort, Half>(raw), singles);
            }
            else
            {
                for (int i = 0; i < count; i++)
                {
                    singles[i] = BitConverter.Int32BitsToSingle(raw[i] << 16);
                }
            }

            return read(singles, shape);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static void Write(ReadOnlySpan<float> values, Span<byte> destination, TensorElementType type)
    {
        if (type == TensorElementType.Float)
        {
            values.CopyTo(MemoryMarshal.Cast<byte, float>(destination));
            return;
        }

        var raw = MemoryMarshal.Cast<byte, ushort>(destination);
        if (type == TensorElementType.Float16)
        {
            TensorPrimitives.ConvertToHalf(values, MemoryMarshal.Cast<ushort, Half>(raw));
            return;
        }

        if (type != TensorElementType.BFloat16)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Only Float, Float16 and BFloat16 tensors are real-valued.");
        }

        for (int i = 0; i < values.Length; i++)
        {
            // Round to nearest even, as PyTorch and ONNX Runtime convert float32 to bfloat16.
            uint bits = BitConverter.SingleToUInt32Bits(values[i]);
            raw[i] = float.IsNaN(values[i]) ? (ushort)0x7FC0 : (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
        }
    }
}
