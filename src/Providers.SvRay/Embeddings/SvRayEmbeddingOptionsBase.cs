using Providers.Core;

namespace Providers.SvRay;

/// <summary>
/// What every SV Ray embedding deployment needs: the cluster's embedding base URL (older clusters: one
/// <c>http://host:8123/</c> for everything), the model, and the timeout. The cluster takes no credentials on
/// its embedding endpoints.
/// </summary>
public abstract class SvRayEmbeddingOptionsBase : ServiceClientOptions
{
    private protected SvRayEmbeddingOptionsBase(string defaultModelId, TimeSpan timeout)
    {
        ModelId = defaultModelId;
        Timeout = timeout;
    }

    /// <summary>Gets or sets the model used when a call names none.</summary>
    public string ModelId { get; set; }

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors()
    {
        foreach (string error in base.GetValidationErrors())
        {
            yield return error;
        }

        if (string.IsNullOrWhiteSpace(ModelId))
        {
            yield return $"{GetType().Name}.ModelId must not be empty.";
        }
    }
}
