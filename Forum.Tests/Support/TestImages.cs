using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Forum.Tests.Support;

/// <summary>Real image files made in the tests: photos with EXIF GPS tags, damaged files and decompression bombs.</summary>
public static class TestImages
{
    public const string CameraSerial = "SERIAL-CAM-12345";

    /// <summary>A noisy picture (noise keeps JPEG from shrinking it to nothing), encoded in <paramref name="format"/>.</summary>
    public static byte[] Photo(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg, int quality = 90, int seed = 1, bool noisy = true)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = new byte[width * height * 4];
        if (noisy)
        {
            random.NextBytes(pixels);
        }
        else
        {
            for (var i = 0; i < pixels.Length; i += 4)
            {
                var x = i / 4 % width;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)(x * 255 / width), (byte)(seed * 40), 128);
            }
        }

        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>
    /// A JPEG with an EXIF block right after its start marker: the camera's make set to <see cref="CameraSerial"/>,
    /// the given orientation, and a GPS position (22° 32′ N).
    /// </summary>
    public static byte[] JpegWithExif(int width, int height, ushort orientation = 1)
    {
        var jpeg = Photo(width, height);
        var tiff = new byte[122];
        var span = tiff.AsSpan();
        "MM"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], 8);

        // IFD0 at 8: Make (ASCII at 50), Orientation, GPS IFD pointer (68).
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], 3);
        Entry(span[10..], 0x010F, 2, 17, 50);
        Entry(span[22..], 0x0112, 3, 1, (uint)orientation << 16);
        Entry(span[34..], 0x8825, 4, 1, 68);
        BinaryPrimitives.WriteUInt32BigEndian(span[46..], 0);
        Encoding.ASCII.GetBytes(CameraSerial).CopyTo(span[50..]);

        // GPS IFD at 68: latitude reference "N" and latitude (three rationals at 98).
        BinaryPrimitives.WriteUInt16BigEndian(span[68..], 2);
        Entry(span[70..], 0x0001, 2, 2, (uint)'N' << 24);
        Entry(span[82..], 0x0002, 5, 3, 98);
        BinaryPrimitives.WriteUInt32BigEndian(span[94..], 0);
        uint[] rationals = [22, 1, 32, 1, 0, 1];
        for (var i = 0; i < rationals.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[(98 + 4 * i)..], rationals[i]);
        }

        var app1 = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Length;
        app1.Add((byte)(length >> 8));
        app1.Add((byte)length);
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(at, tag);
        BinaryPrimitives.WriteUInt16BigEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32BigEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32BigEndian(at[8..], value);
    }

    /// <summary>A PNG whose header claims <paramref name="side"/> × <paramref name="side"/> pixels, in a few hundred bytes.</summary>
    public static byte[] DecompressionBomb(int side = 60_000)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)side);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)side);
        header[8] = 8;  // bit depth
        header[9] = 0;  // greyscale
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[64 * 1024]);
        }

        var png = new List<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return [.. png];
    }

    private static void Chunk(List<byte> png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.AddRange(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.AddRange(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.AddRange(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>True when the bytes contain the ASCII text anywhere.</summary>
    public static bool Contains(byte[] bytes, string ascii) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii)) >= 0;
}
