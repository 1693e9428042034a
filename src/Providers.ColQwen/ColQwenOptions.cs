using Providers.Core;

namespace Providers.ColQwen;

/// <summary>Where the ColQwen2.5 FastAPI service is (default port 7000; it takes no credentials) and how long to wait for it.</summary>
public class ColQwenOptions : ServiceClientOptions
{
    /// <summary>Initializes a new instance with a 60-second timeout.</summary>
    public ColQwenOptions() => Timeout = TimeSpan.FromSeconds(60);
}

/// <summary>Settings of a <see cref="ColQwenQueryEmbeddingGenerator"/>; bound separately from the other ColQwen registrations.</summary>
public sealed class ColQwenQueryEmbeddingOptions : ColQwenOptions;

/// <summary>
/// Settings of a <see cref="ColQwenImageEmbeddingGenerator"/>; bound separately from the other ColQwen registrations,
/// with a 120-second timeout because a batch of pages takes far longer than a query.
/// </summary>
public sealed class ColQwenImageEmbeddingOptions : ColQwenOptions
{
    /// <summary>Initializes a new instance with a 120-second timeout.</summary>
    public ColQwenImageEmbeddingOptions() => Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Gets the limits on fetching pages given as <c>file:</c> or http(s) addresses.</summary>
    public ImageDownloadOptions ImageDownload { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors() =>
        base.GetValidationErrors().Concat(ImageDownload.GetValidationErrors(nameof(ColQwenImageEmbeddingOptions)));
}
