using Forum.Core.Photos;

namespace Forum.Data.Photos;

/// <summary>
/// Photo files in a folder (by default <c>photos/</c> in the data directory), named by content hash and fanned out by
/// its first two characters: <c>ab/ab12…ef.jpg</c> and <c>ab/ab12…ef.thumb.jpg</c>. A file is written to a temporary
/// name and moved into place, so a reader never sees half a photo; a shared volume makes it work for several nodes.
/// </summary>
public sealed class FileSystemPhotoStore(string root) : IPhotoStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<bool> SaveAsync(string hash, ReadOnlyMemory<byte> full, ReadOnlyMemory<byte> thumbnail, CancellationToken cancellationToken = default)
    {
        var fullPath = PathOf(hash, PhotoVariant.Full);
        var thumbPath = PathOf(hash, PhotoVariant.Thumbnail);
        if (File.Exists(fullPath) && File.Exists(thumbPath))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        await WriteAtomicallyAsync(thumbPath, thumbnail, cancellationToken);
        await WriteAtomicallyAsync(fullPath, full, cancellationToken);
        return true;
    }

    public Task<Stream?> OpenReadAsync(string hash, PhotoVariant variant, CancellationToken cancellationToken = default)
    {
        var path = PathOf(hash, variant);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true)
            : null;
        return Task.FromResult(stream);
    }

    public Task DeleteAsync(string hash, CancellationToken cancellationToken = default)
    {
        foreach (var path in new[] { PathOf(hash, PhotoVariant.Full), PathOf(hash, PhotoVariant.Thumbnail) })
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The file's path; the hash must be 64 lower-case hex digits, so no input can name another file.</summary>
    public string PathOf(string hash, PhotoVariant variant)
    {
        if (hash.Length != 64 || !hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new ArgumentException("A photo hash is 64 lower-case hexadecimal digits.", nameof(hash));
        }

        return Path.Combine(Root, hash[..2], hash + (variant == PhotoVariant.Thumbnail ? ".thumb.jpg" : ".jpg"));
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
