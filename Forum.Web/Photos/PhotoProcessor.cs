using System.Security.Cryptography;
using Forum.Core.Photos;
using SkiaSharp;

namespace Forum.Web.Photos;

/// <summary>A photo ready to store: the re-encoded image and its thumbnail, named by the hash of the image.</summary>
public sealed record ProcessedPhoto(NewPhoto Photo, byte[] Full, byte[] Thumbnail);

/// <summary>
/// Checks an upload by decoding it with SkiaSharp — never by its name or declared type — and re-encodes it as a JPEG
/// without any metadata (EXIF with GPS position and camera serial, XMP, ICC comments are not carried over), turned
/// upright by its EXIF orientation first. Pixel dimensions are checked from the header before any pixel is decoded,
/// so a small file that claims a huge image is refused without allocating it.
/// </summary>
public static class PhotoProcessor
{
    private const int FullQuality = 85;
    private const int ThumbnailQuality = 78;

    public static (ProcessedPhoto? Photo, PhotoProblem? Problem) Process(ReadOnlySpan<byte> upload)
    {
        if (upload.IsEmpty)
        {
            return (null, PhotoProblem.Empty);
        }

        if (upload.Length > PhotoRules.MaxBytes)
        {
            return (null, PhotoProblem.TooLarge);
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return (null, PhotoProblem.NotAnImage);
        }

        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
        {
            return (null, PhotoProblem.UnsupportedFormat);
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || width > PhotoRules.MaxSide || height > PhotoRules.MaxSide || (long)width * height > PhotoRules.MaxPixels)
        {
            return (null, PhotoProblem.TooManyPixels);
        }

        using var decoded = Decode(codec);
        if (decoded is null)
        {
            return (null, PhotoProblem.Damaged);
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        using var full = ScaleToFit(upright, PhotoRules.FullSide);
        using var thumbnail = ScaleToFit(full, PhotoRules.ThumbnailSide);
        var fullBytes = EncodeJpeg(full, FullQuality);
        var thumbnailBytes = EncodeJpeg(thumbnail, ThumbnailQuality);
        var hash = Convert.ToHexStringLower(SHA256.HashData(fullBytes));
        return (new ProcessedPhoto(new NewPhoto(hash, full.Width, full.Height, thumbnail.Width, thumbnail.Height, fullBytes.Length), fullBytes, thumbnailBytes), null);
    }

    /// <summary>
    /// Decodes at the smallest size the codec offers that still covers the stored size (JPEG decodes at 1/2, 1/4,
    /// 1/8 for free). Anything short of a complete decode — a truncated or corrupt file — is refused.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec)
    {
        var longest = Math.Max(codec.Info.Width, codec.Info.Height);
        var size = codec.GetScaledDimensions(Math.Min(1f, (float)PhotoRules.FullSide / longest));
        if (Math.Max(size.Width, size.Height) < Math.Min(PhotoRules.FullSide, longest))
        {
            size = codec.Info.Size;
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }

        return bitmap;
    }

    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return source.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (source.Height, source.Width) : (source.Width, source.Height);
        var result = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    /// <summary>Scaled so the longest side is at most <paramref name="side"/>, on white (JPEG has no transparency).</summary>
    private static SKBitmap ScaleToFit(SKBitmap source, int side)
    {
        var scale = Math.Min(1.0, (double)side / Math.Max(source.Width, source.Height));
        var w = Math.Max(1, (int)Math.Round(source.Width * scale));
        var h = Math.Max(1, (int)Math.Round(source.Height * scale));
        var result = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, w, h), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return result;
    }

    private static byte[] EncodeJpeg(SKBitmap bitmap, int quality)
    {
        using var pixmap = bitmap.PeekPixels();
        using var encoded = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("SkiaSharp could not encode a JPEG.");
        return encoded.ToArray();
    }
}
