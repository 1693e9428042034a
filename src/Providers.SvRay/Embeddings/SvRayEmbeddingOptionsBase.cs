using Providers.Core;

namespace Providers.SvRay;

/// <summary>
/// What every SV Ray embedding deployment needs: the cluster's embedding base URL (older clusters: one
/// <c>http://host:8123/</c> for everything), the model, and the timeout. The cluster takes no credentials on
/// its embedding endpoints.
/// </summary>
public abstract class SvRayEmbeddingOptionsBase : ModelServiceOptions
{
    private protected SvRayEmbeddingOptionsBase(string defaultModelId, TimeSpan timeout)
        : base(defaultModelId)
    {
        Timeout = timeout;
    }
}
