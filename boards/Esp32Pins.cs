namespace NanoTcp.Boards
{
    /// <summary>Pin facts of the classic ESP32 (ESP32-D0WD in WROOM-32/WROVER modules), from the ESP32 datasheet §2.</summary>
    public static class Esp32Pins
    {
        /// <summary>
        /// Pins not to wire on a classic ESP32 board: GPIO 0 (BOOT strapping/button), 1 and 3 (UART0 console used by
        /// nanoff and the debugger), 6–11 (SPI flash), 12 (MTDI strapping: high at reset selects 1.8 V flash) and
        /// 16/17 (PSRAM on WROVER modules; kept free so the pin maps work on both module kinds).
        /// </summary>
        public static int[] ClassicReserved()
        {
            return new int[] { 0, 1, 3, 6, 7, 8, 9, 10, 11, 12, 16, 17 };
        }

        /// <summary>Input-only pins of the classic ESP32: GPIO 34–39 (no output driver, no pull resistors).</summary>
        public static int[] ClassicInputOnly()
        {
            return new int[] { 34, 35, 36, 37, 38, 39 };
        }
    }
}
