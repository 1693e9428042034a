namespace Providers.Core.Tests.Support;

/// <summary>The options of the test provider: an endpoint, a timeout and a required API key.</summary>
internal sealed class LoopbackOptions : ServiceClientOptions
{
    public string? ApiKey { get; set; }

    public override IEnumerable<string> GetValidationErrors()
    {
        foreach (string error in base.GetValidationErrors())
        {
            yield return error;
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return "LoopbackOptions.ApiKey is required.";
        }
    }
}
