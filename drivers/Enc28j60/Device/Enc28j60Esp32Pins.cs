using nanoFramework.Hardware.Esp32;

namespace NanoTcp.Enc28j60.Device
{
    /// <summary>ESP32 pin-function setup for the SPI bus; call it before creating <see cref="Enc28j60SpiBus"/>.</summary>
    public static class Enc28j60Esp32Pins
    {
        /// <summary>
        /// Routes MOSI, MISO and SCK of nanoFramework SPI bus 1 or 2 to the given GPIOs
        /// (e.g. bus 2 on 23, 19, 18: the VSPI pins of an ESP32-DevKitC).
        /// </summary>
        /// <param name="busId">nanoFramework SPI bus: 1 or 2.</param>
        /// <param name="mosiPin">GPIO to the ENC28J60 SI pin.</param>
        /// <param name="misoPin">GPIO to the ENC28J60 SO pin.</param>
        /// <param name="clockPin">GPIO to the ENC28J60 SCK pin.</param>
        public static void ConfigureSpi(int busId, int mosiPin, int misoPin, int clockPin)
        {
            bool bus1 = busId == 1;
            Configuration.SetPinFunction(mosiPin, bus1 ? DeviceFunction.SPI1_MOSI : DeviceFunction.SPI2_MOSI);
            Configuration.SetPinFunction(misoPin, bus1 ? DeviceFunction.SPI1_MISO : DeviceFunction.SPI2_MISO);
            Configuration.SetPinFunction(clockPin, bus1 ? DeviceFunction.SPI1_CLOCK : DeviceFunction.SPI2_CLOCK);
        }
    }
}
