using Feed.Folder;

namespace Feed.Tests.Folder;

public class ImageHeaderTests
{
    [Fact]
    public void A_png_gives_its_size_from_ihdr()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x05, 0x78, 0, 0, 0x03, 0xE8, 8, 2, 0, 0, 0];
        Assert.Equal((1400, 1000), ImageHeader.Size(png));
    }

    [Fact]
    public void A_jpeg_gives_its_size_from_its_first_frame_after_its_metadata()
    {
        byte[] jpeg =
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0, 6, (byte)'J', (byte)'F', (byte)'I', (byte)'F',        // APP0, skipped
            0xFF, 0xC4, 0, 4, 0, 0,                                               // DHT: not a frame
            0xFF, 0xC0, 0, 11, 8, 0x0B, 0xB8, 0x0B, 0xB8, 3, 1, 0x22, 0, 2,       // SOF0: 3000x3000
        ];
        Assert.Equal((3000, 3000), ImageHeader.Size(jpeg));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8' })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData(new byte[] { })]
    public void Anything_else_has_no_size(byte[] bytes) => Assert.Null(ImageHeader.Size(bytes));
}
