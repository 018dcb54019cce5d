using System.Net;
using System.Text.RegularExpressions;
using Forum.Core.Photos;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Forum.Tests.Web.Photos;

/// <summary>Uploads through the real forms, stored in the app's data directory, served by the photo endpoints.</summary>
public partial class PhotoUploadTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private static Dictionary<string, string?> Complaint(string title, string company = "shenzhen", string project = "sz-bayview-garden") => new()
    {
        ["Input.Company"] = company,
        ["Input.Project"] = project,
        ["Input.Category"] = "engineering",
        ["Input.Title"] = title,
        ["Input.Body"] = "客厅墙面出现裂缝，越来越长，照片见附件。",
        ["Input.RealName"] = "陈大文",
        ["Input.Phone"] = "13812345678",
        ["Input.Unit"] = "5栋1203",
    };

    private static Forms.Upload Jpeg(byte[] bytes, string name = "crack.jpg", string type = "image/jpeg") => new("photos", name, type, bytes);

    private string PhotosFolder => Path.Combine(app.Factory.DataDirectory, "photos");

    private int StoredFiles() => Directory.Exists(PhotosFolder) ? Directory.GetFiles(PhotosFolder, "*.jpg", SearchOption.AllDirectories).Length : 0;

    private async Task<(HttpClient Client, string Number, string Html)> PostWithPhotosAsync(string title, params Forms.Upload[] files) =>
        await PostWithPhotosAsync(Complaint(title), files);

    private async Task<(HttpClient Client, string Number, string Html)> PostWithPhotosAsync(Dictionary<string, string?> complaint, params Forms.Upload[] files)
    {
        var client = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var response = await Forms.SubmitMultipartAsync(client, "/threads/new", "new-thread", complaint, files);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var number = Forms.Location(response)[9..17];
        return (client, number, await app.Client().GetStringAsync($"/threads/{number}"));
    }

    [Fact]
    public async Task ComplaintWithPhotos_ShowsThumbnailsThatOpenTheFullPhoto_ServedSafelyAndWithoutExif()
    {
        var (_, number, html) = await PostWithPhotosAsync("客厅墙面裂缝带照片", Jpeg(TestImages.JpegWithExif(1200, 900)), Jpeg(TestImages.Photo(300, 200, SKEncodedImageFormat.Png), "b.png", "image/png"));

        var ids = PhotoLink().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(2, ids.Count);
        var client = app.Client();
        foreach (var id in ids)
        {
            Assert.Contains($"<img src=\"/photos/{id}/thumb\"", html);
            foreach (var url in new[] { $"/photos/{id}", $"/photos/{id}/thumb" })
            {
                var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
                Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                Assert.False(TestImages.Contains(bytes, "Exif"));
                Assert.False(TestImages.Contains(bytes, TestImages.CameraSerial));
            }
        }

        var home = await client.GetStringAsync("/");
        Assert.Contains($"<img src=\"/photos/{ids[0]}/thumb\"", home);
        Assert.Contains(number, home);
    }

    [Fact]
    public async Task SamePhotoOnTwoComplaints_IsStoredOnce()
    {
        var photo = TestImages.Photo(640, 480, seed: 77);
        await PostWithPhotosAsync("同一张照片第一次上传", Jpeg(photo));
        var before = StoredFiles();

        var (_, _, html) = await PostWithPhotosAsync("同一张照片第二次上传", Jpeg(photo));

        Assert.Single(PhotoLink().Matches(html).Select(m => m.Groups[1].Value).Distinct());
        Assert.Equal(before, StoredFiles());
    }

    public static TheoryData<string, string, string> RefusedFiles() => new()
    {
        { "renamed-executable", "程序.jpg", "is not a photo we can read" },
        { "truncated", "truncated.jpg", "is damaged or incomplete" },
        { "twenty-megabytes", "huge.jpg", "is larger than 8 MB" },
        { "bomb", "bomb.png", "has too many pixels" },
    };

    private static byte[] Bytes(string kind) => kind switch
    {
        "renamed-executable" => File.ReadAllBytes(typeof(PhotoRules).Assembly.Location),
        "truncated" => TestImages.Photo(800, 600)[..20_000],
        "twenty-megabytes" => [.. TestImages.Photo(100, 100), .. new byte[20 * 1024 * 1024]],
        _ => TestImages.DecompressionBomb(),
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task RefusedFile_NamesTheFileAndWhy_KeepsTheText_AndStoresNothing(string kind, string fileName, string message)
    {
        var client = await Forms.SignInAsync(app.Client("en"), "homeowner@example.com");
        var title = "退回的照片 " + kind;
        var threadsBefore = await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Threads");
        var filesBefore = StoredFiles();

        var response = await Forms.SubmitMultipartAsync(client, "/threads/new", "new-thread", Complaint(title),
            [Jpeg(TestImages.Photo(320, 240, seed: 5), "good.jpg"), Jpeg(Bytes(kind), fileName)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.Contains(WebUtilityEncode(fileName), html);
        Assert.Contains($"value=\"{title}\"", html);
        Assert.Contains("客厅墙面出现裂缝", html);
        Assert.Equal(threadsBefore, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Threads"));
        Assert.Equal(filesBefore, StoredFiles());
    }

    private static string WebUtilityEncode(string text) => System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text);

    [Fact]
    public async Task SevenPhotos_AreRefused()
    {
        var client = await Forms.SignInAsync(app.Client("en"), "homeowner@example.com");
        var files = Enumerable.Range(0, PhotoRules.MaxPerPost + 1).Select(i => Jpeg(TestImages.Photo(64, 64, seed: 100 + i), $"p{i}.jpg"));

        var response = await Forms.SubmitMultipartAsync(client, "/threads/new", "new-thread", Complaint("七张照片太多了"), files);

        Assert.Contains("Attach at most 6 photos.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReplyAndOfficialReply_TakePhotos_AndStaffHideOneWithAPublicReason()
    {
        var (homeowner, number, _) = await PostWithPhotosAsync("楼道墙皮脱落带照片", Jpeg(TestImages.Photo(400, 300, seed: 11)));
        var reply = await Forms.SubmitMultipartAsync(homeowner, $"/threads/{number}", "reply",
            new Dictionary<string, string?> { ["Reply.Body"] = "又掉了一块，补一张照片。" }, [Jpeg(TestImages.Photo(400, 300, seed: 12))]);
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);

        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var answer = await Forms.SubmitMultipartAsync(staff, $"/staff/threads/{number}", "answer",
            new Dictionary<string, string?> { ["Answer.Kind"] = "OfficialReply", ["Answer.Body"] = "已派人修补，完工照片如下。" }, [Jpeg(TestImages.Photo(400, 300, seed: 13))]);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);

        var page = await app.Client().GetStringAsync($"/threads/{number}");
        var ids = PhotoLink().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(3, ids.Count);

        var hide = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", $"hide-photo-{ids[1]}", new Dictionary<string, string?> { ["HideReason"] = "照片含门牌号" });
        Assert.Equal(HttpStatusCode.Redirect, hide.StatusCode);

        var after = await app.Client().GetStringAsync($"/threads/{number}");
        Assert.DoesNotContain($"/photos/{ids[1]}/thumb", after);
        Assert.Contains("照片含门牌号", after);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/photos/{ids[1]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync($"/photos/{ids[0]}")).StatusCode);
        Assert.Equal(1, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'HidePhoto'"));
    }

    [Fact]
    public async Task OtherCompanysStaff_CannotHideAPhoto()
    {
        var (_, shanghaiNumber, html) = await PostWithPhotosAsync(Complaint("上海项目的照片", "shanghai", "sh-binjiang-one"), Jpeg(TestImages.Photo(200, 150, seed: 21)));
        var id = PhotoLink().Match(html).Groups[1].Value;
        var (_, shenzhenNumber, _) = await PostWithPhotosAsync("深圳项目的投诉");
        var shenzhen = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var ownForm = Forms.Find(await Forms.GetDocumentAsync(shenzhen, $"/staff/threads/{shenzhenNumber}"), "lock");

        // Shenzhen's own valid token, replayed against the Shanghai thread with the hide-photo handler.
        var forged = await Forms.SubmitAsync(shenzhen, $"/staff/threads/{shenzhenNumber}", ownForm,
            new Dictionary<string, string?> { ["_handler"] = $"hide-photo-{id}", ["HideReason"] = "越权" }, postTo: $"/staff/threads/{shanghaiNumber}");

        // The page has no such form for another company's staff, so the framework refuses the post outright.
        Assert.Contains(forged.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Forbidden });

        // And the service refuses it on its own, whatever page or request reaches it.
        var shenzhenCompany = await app.Data.ScalarAsync<long>("SELECT Id FROM Companies WHERE Slug = 'shenzhen'");
        var staffId = await app.Data.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'shenzhen.staff@example.com'");
        using (var scope = app.Factory.Services.CreateScope())
        {
            var moderation = scope.ServiceProvider.GetRequiredService<Forum.Web.Moderation.ModerationService>();
            var staff = new Forum.Core.Moderation.StaffMember(staffId, "深圳客服", new HashSet<string> { Forum.Core.Accounts.ForumRoles.LocalStaff }, shenzhenCompany);
            var (refusal, _) = await moderation.HidePhotoAsync(staff, long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), "越权");
            Assert.Equal(Forum.Web.Moderation.StaffRefusal.OtherCompany, refusal);
        }

        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync($"/photos/{id}")).StatusCode);
        Assert.Equal(0, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Photos WHERE Id = @Id AND IsHidden = 1", new { Id = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public async Task UnknownPhoto_Is404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/photos/987654321/thumb")).StatusCode);

    [GeneratedRegex("href=\"/photos/(\\d+)\"")]
    private static partial Regex PhotoLink();
}
