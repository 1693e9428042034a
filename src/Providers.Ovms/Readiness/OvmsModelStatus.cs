namespace Providers.Ovms;

/// <summary>The state of one version of a model, as <c>GET /v1/config</c> reports it.</summary>
/// <param name="Version">The version, e.g. <c>1</c>.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="ErrorCode">The status code, <c>OK</c> unless loading failed.</param>
/// <param name="ErrorMessage">The status message.</param>
public sealed record OvmsModelVersionStatus(string Version, OvmsModelState State, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>Gets a value indicating whether the version ended with an error (it will not become available by waiting).</summary>
    public bool HasFailed => State == OvmsModelState.End && ErrorCode is not null && !string.Equals(ErrorCode, "OK", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The state of a model (or graph) OVMS serves.</summary>
/// <param name="Name">The model name, as used in requests' <c>model</c> field.</param>
/// <param name="Versions">Its versions.</param>
public sealed record OvmsModelStatus(string Name, IReadOnlyList<OvmsModelVersionStatus> Versions)
{
    /// <summary>Gets a value indicating whether some version serves requests.</summary>
    public bool IsAvailable => Versions.Any(v => v.State == OvmsModelState.Available);

    /// <summary>Gets a value indicating whether every version failed to load.</summary>
    public bool HasFailed => Versions.Count > 0 && Versions.All(v => v.HasFailed);
}
