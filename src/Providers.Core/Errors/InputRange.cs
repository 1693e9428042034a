namespace Providers.Core;

/// <summary>A contiguous range of inputs of one call, such as the inputs a failed batch carried.</summary>
/// <param name="Start">Index of the first input.</param>
/// <param name="Count">Number of inputs.</param>
public readonly record struct InputRange(int Start, int Count)
{
    /// <summary>Gets the index one past the last input.</summary>
    public int End => Start + Count;

    /// <summary>Formats the range as <c>[start..end)</c>.</summary>
    public override string ToString() => $"[{Start}..{End})";
}
