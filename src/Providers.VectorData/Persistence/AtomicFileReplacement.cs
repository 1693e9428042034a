using System.Runtime.InteropServices;

namespace Providers.VectorData.Persistence;

/// <summary>
/// Replaces a file so that a crash at any moment leaves the old file or the new one: the new contents go to a
/// temporary file in the same folder, held locked while it is written, which is then renamed over the target.
/// </summary>
/// <remarks>
/// A process killed while saving leaves its temporary file behind; the next save or load of the same file removes
/// the ones no live writer holds. On Linux and macOS the folder is flushed after the rename, or the rename itself
/// could be lost in a power cut.
/// </remarks>
internal static partial class AtomicFileReplacement
{
    /// <summary>Creates the temporary file for <paramref name="fullPath"/>, opened exclusively for writing.</summary>
    public static FileStream CreateTemporary(string fullPath, out string temporaryPath)
    {
        temporaryPath = Path.Combine(Path.GetDirectoryName(fullPath)!, $"{TemporaryPrefix(fullPath)}{Guid.NewGuid():N}.tmp");
        return new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
    }

    /// <summary>Renames the finished temporary file over the target and makes the rename durable.</summary>
    public static void Commit(string temporaryPath, string fullPath)
    {
        File.Move(temporaryPath, fullPath, overwrite: true);
        FlushFolder(Path.GetDirectoryName(fullPath)!);
    }

    /// <summary>Deletes the temporary files of <paramref name="fullPath"/> that killed saves left; a save in progress keeps its own.</summary>
    public static void RemoveStale(string fullPath)
    {
        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        foreach (string stale in Directory.EnumerateFiles(folder, $"{TemporaryPrefix(fullPath)}*.tmp"))
        {
            try
            {
                // The exclusive open fails while a live writer holds the file (a lock on Linux and macOS too).
                using var claimed = new FileStream(stale, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use, or already gone.
            }
        }
    }

    private static string TemporaryPrefix(string fullPath) => $".{Path.GetFileName(fullPath)}.";

    private static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            // NTFS journals the rename itself.
            return;
        }

        int descriptor = Open(folder, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open folder '{folder}' to flush it (error {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not flush folder '{folder}' to disk (error {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Close(int descriptor);
}
