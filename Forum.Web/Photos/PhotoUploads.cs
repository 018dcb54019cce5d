using Forum.Core.Complaints;
using Forum.Core.Photos;

namespace Forum.Web.Photos;

/// <summary>Photos stored for one post, and which files this post created (removed again if the post is not saved).</summary>
public sealed record StoredPhotos(IReadOnlyList<NewPhoto> Photos, IReadOnlyList<string> Created)
{
    public static readonly StoredPhotos None = new([], []);
}

/// <summary>
/// The photos of a form, in two steps so that nothing is half-stored: <see cref="Check"/> decodes and re-encodes every
/// file in memory and refuses the whole post if any file is refused; <see cref="StoreAsync"/> then writes the files,
/// and <see cref="DiscardAsync"/> removes the new ones if the post itself cannot be saved.
/// </summary>
public sealed class PhotoUploads(IPhotoStore store, ILogger<PhotoUploads> logger)
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
            await DiscardAsync(new StoredPhotos([], created));
            throw;
        }

        return new StoredPhotos(photos.Select(p => p.Photo).ToList(), created);
    }

    public async Task DiscardAsync(StoredPhotos stored)
    {
        foreach (var hash in stored.Created)
        {
            try
            {
                await store.DeleteAsync(hash);
            }
            catch (IOException exception)
            {
                logger.LogWarning(exception, "Could not remove the unused photo {Hash}", hash);
            }
        }
    }

    private static FieldError Error(string fileName, PhotoProblem problem) =>
        new(ErrorField, "Photo" + problem, fileName, PhotoRules.MaxBytesInMegabytes, PhotoRules.MaxPerPost);
}
