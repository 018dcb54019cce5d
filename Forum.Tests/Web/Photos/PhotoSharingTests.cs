using System.Net;
using Forum.Core.Photos;
using Forum.Web.Photos;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Photos;

/// <summary>
/// Two posts with the same photo share one file; a post that fails must never take that file from the other, in
/// either order of the race (issue 15, item 8). Each step of the race is taken in turn, so no timing is involved.
/// </summary>
public class PhotoSharingTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private PhotoUploads Uploads => app.Factory.Services.GetRequiredService<PhotoUploads>();

    private FileSystemPhotoStoreView Store => new((Forum.Data.Photos.FileSystemPhotoStore)app.Factory.Services.GetRequiredService<IPhotoStore>());

    private static ProcessedPhoto NewPhoto()
    {
        var (photo, problem) = PhotoProcessor.Process(TestImages.Photo(80, 60, seed: Random.Shared.Next()));
        Assert.Null(problem);
        return photo!;
    }

    /// <summary>The other post's transaction commits: its photo row points to the shared file.</summary>
    private async Task<long> CommitRowAsync(ProcessedPhoto photo)
    {
        var thread = await app.Data.ScalarAsync<long>("SELECT MIN(Id) FROM Threads WHERE IsHidden = 0");
        var uploader = await app.Data.ScalarAsync<long>("SELECT AuthorId FROM Threads WHERE Id = @thread", new { thread });
        return await app.Data.ScalarAsync<long>(
            """
            INSERT INTO Photos (ThreadId, PostId, UploaderId, Hash, Width, Height, ThumbWidth, ThumbHeight, Bytes, CreatedAt)
            VALUES (@thread, NULL, @uploader, @Hash, @Width, @Height, @ThumbWidth, @ThumbHeight, @Bytes, @Now);
            SELECT last_insert_rowid();
            """,
            new { thread, uploader, photo.Photo.Hash, photo.Photo.Width, photo.Photo.Height, photo.Photo.ThumbWidth, photo.Photo.ThumbHeight, photo.Photo.Bytes, Now = DateTime.UtcNow });
    }

    [Fact]
    public async Task Discard_OtherPostCommittedFirst_SharedFileStays()
    {
        var photo = NewPhoto();
        var failing = await Uploads.StoreAsync([photo]);
        var succeeding = await Uploads.StoreAsync([photo]);
        Assert.Equal([photo.Photo.Hash], failing.Created);
        Assert.Empty(succeeding.Created);
        var id = await CommitRowAsync(photo);

        await Uploads.DiscardAsync(failing);
        await Uploads.EnsureStoredAsync(succeeding);

        Assert.True(Store.Exists(photo.Photo.Hash));
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync($"/photos/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync($"/photos/{id}/thumb", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Discard_OtherPostCommitsAfterTheDelete_FileIsWrittenAgain()
    {
        var photo = NewPhoto();
        var failing = await Uploads.StoreAsync([photo]);
        var succeeding = await Uploads.StoreAsync([photo]);

        await Uploads.DiscardAsync(failing);
        Assert.False(Store.Exists(photo.Photo.Hash));
        var id = await CommitRowAsync(photo);
        await Uploads.EnsureStoredAsync(succeeding);

        Assert.True(Store.Exists(photo.Photo.Hash));
        var served = await app.Client().GetAsync($"/photos/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(photo.Full, await served.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Discard_NoOtherPost_FileIsRemoved()
    {
        var photo = NewPhoto();
        var failing = await Uploads.StoreAsync([photo]);

        await Uploads.DiscardAsync(failing);

        Assert.False(Store.Exists(photo.Photo.Hash));
    }

    private sealed class FileSystemPhotoStoreView(Forum.Data.Photos.FileSystemPhotoStore store)
    {
        public bool Exists(string hash) =>
            File.Exists(store.PathOf(hash, PhotoVariant.Full)) && File.Exists(store.PathOf(hash, PhotoVariant.Thumbnail));
    }
}
