using nanoFramework.Hardware.Esp32;

namespace NanoTcp.Enc28j60.Device
{
    /// <summary>ESP32 pin-function setup for the SPI bus; call it before creating <see cref="Enc28j60SpiBus"/>.</summary>
    public static class Enc28j60Esp32Pins
    {
        /// <summary>Routes MOSI, MISO and SCK of SPI bus 1 to the given GPIOs (e.g. 23, 19, 18 on a DevKitC).</summary>
        /// <param name="mosiPin">GPIO to the ENC28J60 SI pin.</param>
        /// <param name="misoPin">GPIO to the ENC28J60 SO pin.</param>
        /// <param name="clockPin">GPIO to the ENC28J60 SCK pin.</param>
        public static void ConfigureSpi1(int mosiPin, int misoPin, int clockPin)
        {
            Configuration.SetPinFunction(mosiPin, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(misoPin, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(clockPin, DeviceFunction.SPI1_CLOCK);
        }
    }
}
