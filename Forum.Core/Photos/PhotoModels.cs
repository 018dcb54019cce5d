namespace Forum.Core.Photos;

/// <summary>The limits on photos, shown in the forms and checked on the server.</summary>
public static class PhotoRules
{
    public const int MaxPerPost = 6;
    public const long MaxBytes = 8 * 1024 * 1024;
    public const int MaxBytesInMegabytes = 8;

    /// <summary>Anything with more pixels is refused before it is decoded (a "decompression bomb": tiny file, huge image).</summary>
    public const long MaxPixels = 50_000_000;
    public const int MaxSide = 12_000;

    /// <summary>The stored photo's longest side; larger photos are scaled down.</summary>
    public const int FullSide = 2048;
    public const int ThumbnailSide = 320;

    /// <summary>What the file input accepts; the server decides by decoding, never by this list.</summary>
    public const string Accept = "image/jpeg,image/png,image/webp";

    /// <summary>The most a form with photos may send: every photo at the limit and the text.</summary>
    public const long MaxRequestBytes = MaxPerPost * MaxBytes + 2 * 1024 * 1024;
}

/// <summary>Why a file was refused; the form names the file and the reason in the reader's language.</summary>
public enum PhotoProblem
{
    TooMany,
    TooLarge,
    Empty,
    NotAnImage,
    UnsupportedFormat,
    TooManyPixels,
    Damaged,
}

public sealed record PhotoError(string FileName, PhotoProblem Problem);

/// <summary>A photo after checking and re-encoding, stored by the SHA-256 of its bytes, ready to attach.</summary>
public sealed record NewPhoto(string Hash, int Width, int Height, int ThumbWidth, int ThumbHeight, long Bytes);

/// <summary>A photo as a page shows it. A hidden photo is shown as its reason only.</summary>
public sealed record PhotoView(
    long Id,
    long? PostId,
    int Width,
    int Height,
    int ThumbWidth,
    int ThumbHeight,
    bool IsHidden,
    string? HiddenReason,
    string? HiddenByRole);

/// <summary>Which file of a stored photo.</summary>
public enum PhotoVariant
{
    Full,
    Thumbnail,
}

/// <summary>
/// Where photo files live, by content hash, so the same photo is stored once. The default is a folder under the
/// data directory; a shared volume or a blob store behind this interface serves several nodes.
/// </summary>
public interface IPhotoStore
{
    /// <summary>Stores both files unless they are there already; true when this call created them.</summary>
    Task<bool> SaveAsync(string hash, ReadOnlyMemory<byte> full, ReadOnlyMemory<byte> thumbnail, CancellationToken cancellationToken = default);

    /// <summary>The file, or null when it is not stored.</summary>
    Task<Stream?> OpenReadAsync(string hash, PhotoVariant variant, CancellationToken cancellationToken = default);

    Task DeleteAsync(string hash, CancellationToken cancellationToken = default);
}

/// <summary>A stored photo's file, for serving: its hash and whether the public may see it.</summary>
public sealed record PhotoFile(long Id, string Hash, bool IsPublic);

public interface IPhotoRepository
{
    Task<IReadOnlyList<PhotoView>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default);

    /// <summary>True when any photo row (of any post, hidden or not) points to the file with this hash.</summary>
    Task<bool> IsReferencedAsync(string hash, CancellationToken cancellationToken = default);

    Task<PhotoFile?> FindFileAsync(long photoId, CancellationToken cancellationToken = default);

    /// <summary>The photo's thread and its company, for the permission check before hiding it.</summary>
    Task<(long ThreadId, long CompanyId)?> FindThreadAsync(long photoId, CancellationToken cancellationToken = default);

    Task<bool> HideAsync(long photoId, Moderation.StaffMember actor, string reason, DateTime now, CancellationToken cancellationToken = default);
}
