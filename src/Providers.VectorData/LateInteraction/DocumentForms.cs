namespace Providers.VectorData.LateInteraction;

/// <summary>The packed forms one document holds; any may be absent, but not every form that carries its values.</summary>
internal readonly record struct DocumentForms(
    Float32Panels? Float32, Int8Panels? Int8, BinaryPanels? Binary, Int4Tokens? Int4, Int8Panels? Summary)
{
    public long StoredBytes
        => (Float32?.Bytes.Length ?? 0L)
            + (Int8 is null ? 0 : Int8.WordBytes.Length + Int8.ScaleBytes.Length)
            + (Binary?.Bytes.Length ?? 0)
            + (Int4 is null ? 0 : Int4.CodeBytes.Length + Int4.ScaleBytes.Length)
            + (Summary is null ? 0 : Summary.WordBytes.Length + Summary.ScaleBytes.Length);

    /// <summary>Writes the vectors in row-major order from the most precise form held.</summary>
    public void CopyRowsTo(Span<float> rows)
    {
        if (Float32 is not null)
        {
            Float32.CopyRowsTo(rows);
        }
        else if (Int8 is not null)
        {
            Int8.CopyRowsTo(rows);
        }
        else
        {
            (Int4 ?? throw new InvalidOperationException("The document holds no form its vectors can be read back from.")).CopyRowsTo(rows);
        }
    }
}
