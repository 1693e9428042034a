namespace Providers.Core.OpenAI;

/// <summary>
/// What the OpenAI-style clients share: the <see cref="ServiceHttpClient"/> they send through, the path of their
/// endpoint under its base URL, and their disposal.
/// </summary>
public abstract class OpenAICompatibleEndpoint : IDisposable
{
    private protected OpenAICompatibleEndpoint(ServiceHttpClient service, string path)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Service = service;
        Path = path;
    }

    private protected ServiceHttpClient Service { get; }

    private protected string Path { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the service client (which disposes its <see cref="HttpClient"/> only if it created it).</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Service.Dispose();
        }
    }
}
