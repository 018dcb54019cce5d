using Forum.Core.Photos;
using Forum.Web.Photos;
using SkiaSharp;

namespace Forum.Tests.Web.Photos;

public class PhotoProcessorTests
{
    [Fact]
    public void JpegWithGpsAndSerial_IsReEncodedWithoutAnyOfIt_AndTurnedUpright()
    {
        var upload = TestImages.JpegWithExif(400, 200, orientation: 6);
        Assert.True(TestImages.Contains(upload, "Exif") && TestImages.Contains(upload, TestImages.CameraSerial), "the test photo carries EXIF");
        using (var original = SKCodec.Create(SKData.CreateCopy(upload)))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, original.EncodedOrigin);
        }

        var (photo, problem) = PhotoProcessor.Process(upload);

        Assert.Null(problem);
        Assert.False(TestImages.Contains(photo!.Full, "Exif"));
        Assert.False(TestImages.Contains(photo.Full, TestImages.CameraSerial));
        Assert.False(TestImages.Contains(photo.Thumbnail, "Exif"));
        using var stored = SKCodec.Create(SKData.CreateCopy(photo.Full));
        Assert.Equal(SKEncodedImageFormat.Jpeg, stored.EncodedFormat);
        Assert.Equal(SKEncodedOrigin.TopLeft, stored.EncodedOrigin);
        Assert.Equal((200, 400), (stored.Info.Width, stored.Info.Height));
        Assert.Equal((200, 400), (photo.Photo.Width, photo.Photo.Height));
        Assert.Equal((160, 320), (photo.Photo.ThumbWidth, photo.Photo.ThumbHeight));
        Assert.Equal(64, photo.Photo.Hash.Length);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    public void EachAcceptedFormat_BecomesAJpegAndAThumbnail(SKEncodedImageFormat format)
    {
        var (photo, problem) = PhotoProcessor.Process(TestImages.Photo(3000, 1500, format, noisy: format != SKEncodedImageFormat.Png));

        Assert.Null(problem);
        Assert.Equal((PhotoRules.FullSide, 1024), (photo!.Photo.Width, photo.Photo.Height));
        Assert.Equal((PhotoRules.ThumbnailSide, 160), (photo.Photo.ThumbWidth, photo.Photo.ThumbHeight));
        Assert.Equal([0xFF, 0xD8], photo.Thumbnail[..2]);
    }

    [Fact]
    public void SamePhotoTwice_HasTheSameHash()
    {
        var upload = TestImages.Photo(640, 480);

        Assert.Equal(PhotoProcessor.Process(upload).Photo!.Photo.Hash, PhotoProcessor.Process(upload).Photo!.Photo.Hash);
        Assert.NotEqual(PhotoProcessor.Process(upload).Photo!.Photo.Hash, PhotoProcessor.Process(TestImages.Photo(640, 480, seed: 2)).Photo!.Photo.Hash);
    }

    [Fact]
    public void RenamedExecutable_IsNotAnImage() =>
        Assert.Equal(PhotoProblem.NotAnImage, PhotoProcessor.Process(File.ReadAllBytes(typeof(PhotoProcessor).Assembly.Location)).Problem);

    [Fact]
    public void TruncatedJpeg_IsDamaged()
    {
        var jpeg = TestImages.Photo(800, 600);

        Assert.Equal(PhotoProblem.Damaged, PhotoProcessor.Process(jpeg[..(jpeg.Length * 6 / 10)]).Problem);
    }

    [Fact]
    public void TwentyMegabytes_IsTooLarge_WithoutDecoding() =>
        Assert.Equal(PhotoProblem.TooLarge, PhotoProcessor.Process(new byte[20 * 1024 * 1024]).Problem);

    [Fact]
    public void DecompressionBomb_IsRefusedFromItsHeader()
    {
        var bomb = TestImages.DecompressionBomb();
        Assert.True(bomb.Length < 2_000, $"the bomb is {bomb.Length} bytes");
        using (var codec = SKCodec.Create(SKData.CreateCopy(bomb)))
        {
            Assert.Equal(60_000, codec.Info.Width);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var problem = PhotoProcessor.Process(bomb).Problem;

        Assert.Equal(PhotoProblem.TooManyPixels, problem);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocated < 10_000_000, "nothing the size of the image was allocated");
    }

    [Fact]
    public void GifAndEmpty_AreRefused()
    {
        using var bitmap = new SKBitmap(10, 10);
        byte[] gif = [.. "GIF89a"u8, 10, 0, 10, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 10, 0, 10, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B];

        Assert.Equal(PhotoProblem.UnsupportedFormat, PhotoProcessor.Process(gif).Problem);
        Assert.Equal(PhotoProblem.Empty, PhotoProcessor.Process([]).Problem);
    }
}
