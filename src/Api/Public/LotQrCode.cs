using QRCoder;

namespace Vrps.Api.Public;

/// <summary>
/// The QR code printed at a lot's entrance: its landing URL, at error correction level Q so a scuffed or partly
/// covered sticker still scans. The same URL always gives the same image.
/// </summary>
public static class LotQrCode
{
    private const int PixelsPerModule = 10;

    public static string Svg(string landingUrl)
    {
        using var data = QRCodeGenerator.GenerateQrCode(landingUrl, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(PixelsPerModule, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    public static byte[] Png(string landingUrl)
    {
        using var data = QRCodeGenerator.GenerateQrCode(landingUrl, QRCodeGenerator.ECCLevel.Q);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }
}
