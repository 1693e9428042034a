namespace Providers.Emulator.Ovms;

/// <summary>
/// The lifecycle OVMS reports for its servables: LOADING for <see cref="EmulatorOptions.OvmsLoadingTime"/>
/// after the emulator starts, AVAILABLE after that.
/// </summary>
internal sealed class OvmsModelStates(EmulatorOptions options, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public IEnumerable<string> All => options.OvmsEmbeddingModels.Concat(options.OvmsRerankModels);

    public bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    public bool IsAvailable => time.GetElapsedTime(_started) >= options.OvmsLoadingTime;

    public string State => IsAvailable ? "AVAILABLE" : "LOADING";
}
