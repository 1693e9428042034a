using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;

namespace Providers.Testing;

/// <summary>
/// One page image in every form a page generator takes: bytes, a data: URI (as <see cref="DataContent"/> and as
/// <see cref="UriContent"/>), a file: URI to a temporary copy, and an http URL on a loopback server.
/// </summary>
public sealed class PageImageSources : IAsyncDisposable
{
    private readonly string _file;

    private PageImageSources(byte[] image, string file, LoopbackServer host)
    {
        _file = file;
        Host = host;
        string dataUri = "data:image/png;base64," + Convert.ToBase64String(image);
        All =
        [
            new DataContent(image, "image/png"),
            new DataContent(dataUri),
            new UriContent(new Uri(dataUri), "image/png"),
            new UriContent(new Uri(file), "image/*"),
            new UriContent(host["page.png"], "image/*"),
        ];
    }

    /// <summary>Gets the forms, bytes first: bytes, data: as DataContent, data: as UriContent, file:, http.</summary>
    public IReadOnlyList<AIContent> All { get; }

    /// <summary>Gets the loopback server that serves the image at <c>/page.png</c>.</summary>
    public LoopbackServer Host { get; }

    /// <summary>Writes the file and starts the server.</summary>
    /// <param name="image">A PNG.</param>
    public static async Task<PageImageSources> StartAsync(byte[] image)
    {
        string file = Path.Combine(Path.GetTempPath(), $"page-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, image);
        var host = await LoopbackServer.StartAsync(app => app.MapGet("/page.png", LoopbackServer.File(image, "image/png")));
        return new PageImageSources(image, file, host);
    }

    public async ValueTask DisposeAsync()
    {
        File.Delete(_file);
        await Host.DisposeAsync();
    }
}
