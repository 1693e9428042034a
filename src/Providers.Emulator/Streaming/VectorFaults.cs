using Providers.Emulator.Faults;

namespace Providers.Emulator.Streaming;

/// <summary>Damages a batch of embeddings as the request's vector faults ask.</summary>
internal static class VectorFaults
{
    public static void Apply(List<float[]> vectors, RequestFaults faults) =>
        Apply(vectors, faults, v => v[0] = float.NaN);

    public static void Apply(List<List<float[]>> matrices, RequestFaults faults) =>
        Apply(matrices, faults, m => m[0][0] = float.NaN);

    private static void Apply<T>(List<T> items, RequestFaults faults, Action<T> poison)
    {
        if (items.Count == 0)
        {
            return;
        }

        if (faults.InjectNaN)
        {
            poison(items[0]);
        }

        if (faults.WrongVectorCount)
        {
            if (items.Count > 1)
            {
                items.RemoveAt(items.Count - 1);
            }
            else
            {
                items.Add(items[0]);
            }
        }
    }
}
