using System.IO.MemoryMappedFiles;

namespace Providers.VectorData.Persistence;

/// <summary>
/// A collection file mapped read-only into memory, for the packed vectors a load leaves in the file: documents
/// hold this object, and the mapping lasts as long as any of them is reachable.
/// </summary>
/// <remarks>
/// Only the pages a search reads become resident, and the kernel may drop them again under memory pressure, since
/// they are clean and file-backed. The file must not be truncated or rewritten in place while mapped; saving over it
/// is safe, because a save writes a new file and renames it over the old one, which stays mapped until released.
/// </remarks>
internal sealed unsafe class MappedCollectionFile
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;

    private MappedCollectionFile(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* start, long length)
    {
        _file = file;
        _view = view;
        Start = start;
        Length = length;
    }

    /// <summary>Gets the address of the file's first byte.</summary>
    public byte* Start { get; }

    public long Length { get; }

    public static MappedCollectionFile Open(string path)
    {
        var mapping = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
        var view = mapping.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* start = null;
        var handle = view.SafeMemoryMappedViewHandle;
        handle.AcquirePointer(ref start);
        try
        {
            // The view stays mapped until the handle is closed (by the finalizer, once nothing holds this object);
            // the acquired reference only guards the call.
            return new MappedCollectionFile(mapping, view, start + view.PointerOffset, new FileInfo(path).Length);
        }
        finally
        {
            handle.ReleasePointer();
        }
    }

    /// <summary>Gets the address of byte <paramref name="position"/>, after checking that <paramref name="count"/> bytes from it lie in the file.</summary>
    public byte* At(long position, long count)
        => position >= 0 && count >= 0 && position + count <= Length
            ? Start + position
            : throw new InvalidDataException($"Packed vectors at offset {position} ({count} bytes) lie outside the {Length}-byte file.");
}
