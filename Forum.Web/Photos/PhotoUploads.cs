using Forum.Core.Complaints;
using Forum.Core.Photos;

namespace Forum.Web.Photos;

/// <summary>Photos stored for one post (with their bytes), and which files this post created (removed again if the post is not saved).</summary>
public sealed record StoredPhotos(IReadOnlyList<ProcessedPhoto> Processed, IReadOnlyList<string> Created)
{
    public static readonly StoredPhotos None = new([], []);

    public IReadOnlyList<NewPhoto> Photos => Processed.Select(p => p.Photo).ToList();
}

/// <summary>
/// The photos of a form, in two steps so that nothing is half-stored: <see cref="Check"/> decodes and re-encodes every
/// file in memory and refuses the whole post if any file is refused; <see cref="StoreAsync"/> then writes the files,
/// and <see cref="DiscardAsync"/> removes the new ones if the post itself cannot be saved.
/// </summary>
/// <remarks>
/// Files are shared by content: two posts with the same photo point at one file. So a failed post must never remove
/// a file that another post's row points to, even when the two race. Two rules together make sure of it:
/// <see cref="DiscardAsync"/> deletes first and then asks the database whether any row refers to the file, putting it
/// back if one does; and every saved post calls <see cref="EnsureStoredAsync"/> after its row is committed, writing
/// the file again if it is missing. Whichever order the two posts run in, one of them sees the other.
/// </remarks>
public sealed class PhotoUploads(IPhotoStore store, IPhotoRepository photos, ILogger<PhotoUploads> logger)
{
    /// <summary>The name of the file input in every form that takes photos.</summary>
    public const string FieldName = "photos";

    public const string ErrorField = "Photos";

    /// <summary>The files of the request's form field, without the empty part a browser sends when none was chosen.</summary>
    public static IReadOnlyList<IFormFile> FilesOf(HttpContext context) =>
        context.Request.HasFormContentType
            ? context.Request.Form.Files.GetFiles(FieldName).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList()
            : [];

    public static (IReadOnlyList<ProcessedPhoto> Photos, IReadOnlyList<FieldError> Errors) Check(IReadOnlyList<IFormFile> files)
    {
        if (files.Count > PhotoRules.MaxPerPost)
        {
            return ([], [Error("", PhotoProblem.TooMany)]);
        }

        var photos = new List<ProcessedPhoto>();
        var errors = new List<FieldError>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName ?? "");
            if (name.Length > 80)
            {
                name = name[..77] + "...";
            }

            if (file.Length > PhotoRules.MaxBytes)
            {
                errors.Add(Error(name, PhotoProblem.TooLarge));
                continue;
            }

            using var buffer = new MemoryStream((int)file.Length);
            using (var stream = file.OpenReadStream())
            {
                stream.CopyTo(buffer);
            }

            var (photo, problem) = PhotoProcessor.Process(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            if (problem is { } p)
            {
                errors.Add(Error(name, p));
            }
            else
            {
                photos.Add(photo!);
            }
        }

        return errors.Count > 0 ? ([], errors) : (photos, []);
    }

    public async Task<StoredPhotos> StoreAsync(IReadOnlyList<ProcessedPhoto> photos, CancellationToken cancellationToken = default)
    {
        var created = new List<string>();
        try
        {
            foreach (var photo in photos)
            {
                if (await store.SaveAsync(photo.Photo.Hash, photo.Full, photo.Thumbnail, cancellationToken))
                {
                    created.Add(photo.Photo.Hash);
                }
            }
        }
        catch
        {
            await DiscardAsync(new StoredPhotos(photos, created));
            throw;
        }

        return new StoredPhotos(photos, created);
    }

    /// <summary>Removes the files this post created, unless a row (another post's) refers to one: that one stays.</summary>
    public async Task DiscardAsync(StoredPhotos stored)
    {
        foreach (var hash in stored.Created.Distinct())
        {
            try
            {
                await store.DeleteAsync(hash);
                // After the delete, not before: a post that commits between a check and a delete would lose its file.
                if (await photos.IsReferencedAsync(hash))
                {
                    var photo = stored.Processed.First(p => p.Photo.Hash == hash);
                    await store.SaveAsync(hash, photo.Full, photo.Thumbnail);
                }
            }
            catch (IOException exception)
            {
                logger.LogWarning(exception, "Could not remove the unused photo {Hash}", hash);
            }
        }
    }

    /// <summary>
    /// After the post's rows are committed: every file they point to exists (a failed post with the same photo may
    /// have removed it in between; it is written again from this post's bytes).
    /// </summary>
    public async Task EnsureStoredAsync(StoredPhotos stored)
    {
        foreach (var photo in stored.Processed)
        {
            try
            {
                await store.SaveAsync(photo.Photo.Hash, photo.Full, photo.Thumbnail);
            }
            catch (IOException exception)
            {
                // The post is saved and says so; a missing file shows as a missing image and is logged loudly.
                logger.LogError(exception, "Could not write the photo {Hash} again after its post was saved", photo.Photo.Hash);
            }
        }
    }

    private static FieldError Error(string fileName, PhotoProblem problem) =>
        new(ErrorField, "Photo" + problem, fileName, PhotoRules.MaxBytesInMegabytes, PhotoRules.MaxPerPost);
}
