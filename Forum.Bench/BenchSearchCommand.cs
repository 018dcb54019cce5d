using System.Diagnostics;
using System.Globalization;
using Dapper;
using Forum.Core.Photos;
using Forum.Data.Database;
using Forum.Data.Photos;
using Forum.Web.Configuration;
using Forum.Web.Photos;
using Forum.Web.Search;
using SkiaSharp;

namespace Forum.Bench;

/// <summary>
/// <c>bench-search [--runs 50]</c> on a generated database: search latency (median and p95, the whole page's work:
/// query, snippet texts, highlighting) for a common word, a rare word and a two-word query; the index's size on
/// disk; and the time from a 6 MB photo's bytes to its stored thumbnail.
/// </summary>
public static class BenchSearchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var index = Array.IndexOf(args, "--runs");
        var runs = index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 50;

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddForum(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();
        var database = host.Services.GetRequiredService<ForumDatabase>();

        await using (var connection = await database.OpenAsync())
        {
            var threads = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Threads");
            Console.WriteLine($"threads: {threads:N0}");
            foreach (var word in new[] { "漏水", "困人", "电梯 噪音" })
            {
                var matches = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ThreadSearch WHERE ThreadSearch MATCH @Match",
                    new { Match = Forum.Data.Search.SearchRepository.SqliteMatchExpression(Forum.Core.Search.SearchQuery.Parse(word)) });
                Console.WriteLine($"  \"{word}\" matches {matches:N0} threads");
            }
        }

        foreach (var (label, q, sort) in new[]
                 {
                     ("common word 漏水, best match", "漏水", (string?)null),
                     ("common word 漏水, newest", "漏水", "newest"),
                     ("rare word 困人, best match", "困人", null),
                     ("two words 电梯 噪音, best match", "电梯 噪音", null),
                 })
        {
            await BenchTiming.MeasureAsync(label, runs, async () =>
            {
                using var scope = host.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<SearchService>().SearchAsync(new SearchPageRequest(q, null, null, null, null, sort, null));
            });
        }

        await ReportIndexSizeAsync(database);
        await MeasureUploadAsync(Math.Max(5, runs / 5));
        return 0;
    }

    /// <summary>
    /// The bytes FTS5 stores for the index (its shadow tables: segment blocks, term index, document sizes). The
    /// bundled SQLite has no dbstat table to count pages, so this is the payload, a little under the pages it fills.
    /// </summary>
    private static async Task ReportIndexSizeAsync(ForumDatabase database)
    {
        await using var connection = await database.OpenAsync();
        var data = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(length(block)), 0) FROM ThreadSearch_data");
        var terms = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(length(term) + 16), 0) FROM ThreadSearch_idx");
        var sizes = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(length(sz) + 8), 0) FROM ThreadSearch_docsize");
        var pageSize = await connection.ExecuteScalarAsync<long>("PRAGMA page_size");
        var total = await connection.ExecuteScalarAsync<long>("PRAGMA page_count");
        Console.WriteLine($"search index on disk: {(data + terms + sizes) / 1048576.0:F1} MB (FTS5 segments {data / 1048576.0:F1} MB) in a {total * pageSize / 1048576.0:F1} MB database");
    }

    private static async Task MeasureUploadAsync(int runs)
    {
        var photo = SixMegabytePhoto();
        var folder = Path.Combine(Path.GetTempPath(), "forum-bench-photos-" + Guid.NewGuid().ToString("N"));
        var store = new FileSystemPhotoStore(folder);
        try
        {
            Console.WriteLine($"photo: {photo.Length / 1048576.0:F2} MB JPEG");
            await BenchTiming.MeasureAsync("upload to thumbnail", runs, async () =>
            {
                var (processed, problem) = PhotoProcessor.Process(photo);
                if (problem is not null)
                {
                    throw new InvalidOperationException($"the benchmark photo was refused: {problem}");
                }

                await store.DeleteAsync(processed!.Photo.Hash);
                await store.SaveAsync(processed.Photo.Hash, processed.Full, processed.Thumbnail);
            });
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>A camera-sized JPEG of about 6 MB: a gradient with noise, so that it compresses like a real photo.</summary>
    private static byte[] SixMegabytePhoto()
    {
        const int width = 4000, height = 3000;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var random = new Random(42);
        var pixels = new byte[width * height * 4];
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var x = i / 4 % width;
            var y = i / 4 / width;
            pixels[i] = (byte)Math.Clamp(x * 255 / width + random.Next(-40, 40), 0, 255);
            pixels[i + 1] = (byte)Math.Clamp(y * 255 / height + random.Next(-40, 40), 0, 255);
            pixels[i + 2] = (byte)Math.Clamp(128 + random.Next(-40, 40), 0, 255);
            pixels[i + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        for (var quality = 99; quality > 50; quality--)
        {
            using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
            if (data.Size <= 6_400_000)
            {
                return data.ToArray();
            }
        }

        throw new InvalidOperationException("could not make a 6 MB photo");
    }
}
