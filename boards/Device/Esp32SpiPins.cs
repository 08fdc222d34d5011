using nanoFramework.Hardware.Esp32;

namespace NanoTcp.Boards.Device
{
    /// <summary>
    /// Routes an SPI bus to a board's GPIOs on the ESP32. nanoFramework only (nanoFramework.Hardware.Esp32); other
    /// nanoFramework targets fix their SPI pins in firmware and need no such call.
    /// </summary>
    public static class Esp32SpiPins
    {
        /// <summary>
        /// Routes MOSI, MISO and SCK of nanoFramework SPI bus <see cref="BoardDefinition.SpiBusId"/> (1 or 2) to the
        /// board's pins. Call it before the first <c>SpiDevice.Create</c> on that bus: the ESP32 native SPI driver
        /// reads the pin functions when it opens the bus (nanoframework/nf-interpreter:
        /// targets/ESP32/_nanoCLR/System.Device.Spi/cpu_spi.cpp).
        /// </summary>
        /// <param name="board">The board whose <see cref="BoardDefinition.MosiPin"/>, <see cref="BoardDefinition.MisoPin"/>
        /// and <see cref="BoardDefinition.ClockPin"/> are wired to the ENC28J60.</param>
        public static void Route(BoardDefinition board)
        {
            bool bus1 = board.SpiBusId == 1;
            Configuration.SetPinFunction(board.MosiPin, bus1 ? DeviceFunction.SPI1_MOSI : DeviceFunction.SPI2_MOSI);
            Configuration.SetPinFunction(board.MisoPin, bus1 ? DeviceFunction.SPI1_MISO : DeviceFunction.SPI2_MISO);
            Configuration.SetPinFunction(board.ClockPin, bus1 ? DeviceFunction.SPI1_CLOCK : DeviceFunction.SPI2_CLOCK);
        }
    }
}
