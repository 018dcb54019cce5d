using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.E2E;

/// <summary>A homeowner attaches a photo (with GPS tags) to a complaint in real Chromium and sees its thumbnail.</summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public class PhotoJourneyTests
{
    [Fact]
    public async Task Homeowner_AttachesAPhoto_AndSeesItsThumbnail_ThatOpensTheFullPhoto()
    {
        await using var app = new ForumAppFactory();
        var baseAddress = app.StartKestrel();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "zh-CN",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name='Input.Email']", "homeowner@example.com");
        await page.FillAsync("input[name='Input.Password']", "Demo-2026!");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/$"));

        await page.GotoAsync("/threads/new");
        await Expect(page.Locator("label.photo-input")).ToContainTextAsync("最多 6 张，JPEG、PNG 或 WebP，每张不超过 8 MB");
        await page.SelectOptionAsync("select[name='Input.Company']", "shenzhen");
        await page.SelectOptionAsync("select[name='Input.Project']", "sz-bayview-garden");
        await page.SelectOptionAsync("select[name='Input.Category']", "engineering");
        await page.FillAsync("input[name='Input.Title']", "湾景花园3栋客厅墙面裂缝（附照片）");
        await page.FillAsync("textarea[name='Input.Body']", "客厅墙面出现一条斜向裂缝，越来越长，照片见附件。");
        await page.FillAsync("input[name='Input.RealName']", "陈大文");
        await page.FillAsync("input[name='Input.Phone']", "13812345678");
        await page.FillAsync("input[name='Input.Unit']", "3栋1203");
        await page.SetInputFilesAsync("input[name=photos]", new FilePayload
        {
            Name = "IMG_2041.jpg",
            MimeType = "image/jpeg",
            Buffer = TestImages.JpegWithExif(1600, 1200),
        });
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(new Regex(@"/threads/T-\d{6}\?posted=1$"));

        var thumbnail = page.Locator(".thread-body ul.photos img");
        await Expect(thumbnail).ToHaveCountAsync(1);
        await Expect(thumbnail).ToHaveAttributeAsync("alt", new Regex("照片 1"));
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.thread-body ul.photos img'); return i && i.complete && i.naturalWidth === 320; }");

        var popup = await page.RunAndWaitForPopupAsync(() => thumbnail.ClickAsync());
        await popup.WaitForLoadStateAsync();
        Assert.Matches(new Regex(@"/photos/\d+$"), popup.Url);
        var full = await popup.EvaluateAsync<int[]>("() => { const i = document.querySelector('img'); return [i.naturalWidth, i.naturalHeight]; }");
        Assert.Equal([1600, 1200], full);
    }
}
