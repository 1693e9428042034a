namespace Providers.Core;

/// <summary>Settings of a service endpoint that serves models: where it is, and the model used when a request names none.</summary>
public abstract class ModelServiceOptions : ServiceClientOptions
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="defaultModelId">The model the service serves, the default of <see cref="ModelId"/>.</param>
    protected ModelServiceOptions(string defaultModelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultModelId);
        ModelId = defaultModelId;
    }

    /// <summary>Gets or sets the model used when a request names none.</summary>
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
