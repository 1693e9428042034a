using System.Text.Json.Nodes;

namespace Providers.Emulator.Tests;

internal static class Vectors
{
    public static float[] Of(JsonNode? node) => [.. node!.AsArray().Select(v => v!.GetValue<float>())];

    public static float[] FromBase64(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        var floats = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
        return floats;
    }

    public static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));

    public static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum() / (Norm(a) * Norm(b));
}
