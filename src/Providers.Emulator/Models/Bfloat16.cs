namespace Providers.Emulator.Models;

/// <summary>Rounds floats to bfloat16 precision, as a model run in bf16 returns them.</summary>
internal static class Bfloat16
{
    public static void Round(Span<float> values)
    {
        foreach (ref var value in values)
        {
            var bits = BitConverter.SingleToUInt32Bits(value);
            bits += 0x7FFF + ((bits >> 16) & 1); // round to nearest, ties to even
            value = BitConverter.UInt32BitsToSingle(bits & 0xFFFF0000);
        }
    }
}
