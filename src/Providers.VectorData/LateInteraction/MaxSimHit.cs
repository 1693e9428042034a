namespace Providers.VectorData.LateInteraction;

/// <summary>A document found by <see cref="MaxSim.Search"/>.</summary>
/// <param name="Index">The document's position in the list searched.</param>
/// <param name="Score">The exact single-precision MaxSim score.</param>
public readonly record struct MaxSimHit(int Index, float Score);
