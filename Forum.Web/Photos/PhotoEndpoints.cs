using Forum.Core.Photos;
using Microsoft.Net.Http.Headers;

namespace Forum.Web.Photos;

/// <summary>
/// <c>/photos/{id}</c> (the full photo) and <c>/photos/{id}/thumb</c>: JPEG files that were re-encoded on upload, with
/// <c>nosniff</c> and a year of caching (a photo's bytes never change under its id). A hidden photo, or one on a
/// hidden post or thread, is 404 for everyone: staff see it as its reason on the thread page.
/// </summary>
public static class PhotoEndpoints
{
    private const string CacheControl = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapPhotos(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/photos/{id:long}", (long id, HttpContext context, IPhotoRepository photos, IPhotoStore store, CancellationToken cancellationToken) =>
            ServeAsync(id, PhotoVariant.Full, context, photos, store, cancellationToken));
        endpoints.MapGet("/photos/{id:long}/thumb", (long id, HttpContext context, IPhotoRepository photos, IPhotoStore store, CancellationToken cancellationToken) =>
            ServeAsync(id, PhotoVariant.Thumbnail, context, photos, store, cancellationToken));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(long id, PhotoVariant variant, HttpContext context, IPhotoRepository photos, IPhotoStore store, CancellationToken cancellationToken)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (await photos.FindFileAsync(id, cancellationToken) is not { IsPublic: true } photo)
        {
            return Results.NotFound();
        }

        var etag = new EntityTagHeaderValue("\"" + photo.Hash[..32] + (variant == PhotoVariant.Thumbnail ? "t" : "f") + "\"");
        var stream = await store.OpenReadAsync(photo.Hash, variant, cancellationToken);
        if (stream is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = CacheControl;
        context.Response.Headers.ContentDisposition = "inline";
        return Results.Stream(stream, "image/jpeg", entityTag: etag, enableRangeProcessing: false);
    }
}
