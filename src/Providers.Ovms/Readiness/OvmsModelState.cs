namespace Providers.Ovms;

/// <summary>The lifecycle state OVMS reports for a model version in <c>GET /v1/config</c>.</summary>
public enum OvmsModelState
{
    /// <summary>A state this client does not know.</summary>
    Unknown,

    /// <summary><c>START</c>: the version was found and is about to load.</summary>
    Start,

    /// <summary><c>LOADING</c>: the version is loading.</summary>
    Loading,

    /// <summary><c>AVAILABLE</c>: the version serves requests.</summary>
    Available,

    /// <summary><c>UNLOADING</c>: the version is being unloaded.</summary>
    Unloading,

    /// <summary><c>END</c>: the version was unloaded or failed to load (see its error code).</summary>
    End,
}
