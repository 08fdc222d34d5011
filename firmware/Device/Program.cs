using System;
using System.Device.Gpio;
using System.Threading;
using NanoTcp.Boards;
using NanoTcp.Boards.Device;
using NanoTcp.Enc28j60;
using NanoTcp.Enc28j60.Device;

namespace NanoTcp.Firmware.Device
{
    /// <summary>
    /// ESP32 entry point: routes the board's SPI pins, brings up the ENC28J60, logs what it found, then runs the
    /// application's poll loop forever, sleeping until the next deadline or the chip's INT line.
    /// </summary>
    public static class Program
    {
        private const int RetryInitMs = 5000;

        /// <summary>Start-up and main loop (never returns).</summary>
        public static void Main()
        {
            BoardDefinition board = DeviceConfiguration.SelectBoard();
            FirmwareSettings settings = DeviceConfiguration.CreateSettings();
            settings.MacAddress = DeviceConfiguration.MacAddress ?? RandomMacAddress.Create();
            Console.WriteLine("nanoTcp: starting on " + board.Name + " (firmware image " + board.FirmwareTarget + ")");

            Esp32SpiPins.Route(board);
            var gpio = new GpioController();
            var spi = new Enc28j60SpiBus(gpio, board.ChipSelectPin, board.SpiClockHz, board.SpiBusId);
            IResetPin reset = board.ResetPin >= 0 ? new GpioResetPin(gpio, board.ResetPin) : null;
            // One INT input serves both the driver (serviced interrupts with INTIE toggling) and the sleep below.
            GpioInterruptPin interrupt = board.InterruptPin >= 0 ? new GpioInterruptPin(gpio, board.InterruptPin) : null;
            var options = new Enc28j60Options
            {
                MacAddress = settings.MacAddress,
                FullDuplex = DeviceConfiguration.FullDuplex,
                SpiClockHz = spi.ClockHz,
            };
            var driver = new Enc28j60Driver(spi, new Esp32MicrosecondClock(), options, reset, interrupt);
            InitializeUntilFound(driver, board);
            byte[] mac = settings.MacAddress;
            Console.WriteLine("nanoTcp: MAC " + mac[0].ToString("X2") + ":" + mac[1].ToString("X2") + ":" + mac[2].ToString("X2") +
                ":" + mac[3].ToString("X2") + ":" + mac[4].ToString("X2") + ":" + mac[5].ToString("X2") +
                (DeviceConfiguration.MacAddress == null ? " (random, see DeviceConfiguration.MacAddress)" : ""));

            var platform = new Esp32Platform(board.Name, new Enc28j60LinkStatus(driver, DeviceConfiguration.FullDuplex));
            var application = new FirmwareApplication(settings, driver, platform);
            var wait = new InterruptWait(interrupt);
            application.Start(wait); // pump clock and wake-up; starts the HTTP server's threads
            Run(application, driver, wait);
        }

        private static void InitializeUntilFound(Enc28j60Driver driver, BoardDefinition board)
        {
            while (true)
            {
                Enc28j60InitResult result = driver.Initialize();
                if (result == Enc28j60InitResult.Success) break;
                Console.WriteLine("nanoTcp: ENC28J60 init failed (" + InitResultName(result) + "), check the wiring: SPI" +
                    board.SpiBusId + " MOSI " + board.MosiPin + " MISO " + board.MisoPin + " SCK " + board.ClockPin +
                    " CS " + board.ChipSelectPin + "; retrying");
                Thread.Sleep(RetryInitMs);
            }
            Console.WriteLine("nanoTcp: " + Enc28j60LinkStatus.RevisionName(driver.Revision) + " (EREVID 0x" +
                driver.Revision.ToString("X2") + "), SPI" + board.SpiBusId + " at " + board.SpiClockHz / 1000000 +
                " MHz, INT GPIO" + board.InterruptPin + ", RESET GPIO" + board.ResetPin);
            Console.WriteLine("nanoTcp: link " + (driver.IsUp ? "up" : "down (waiting)") + ", 10 Mb/s " +
                (DeviceConfiguration.FullDuplex ? "full" : "half") + " duplex (forced; the ENC28J60 does not auto-negotiate)");
        }

        // The steady state: no allocation per iteration (link changes are logged with constant strings).
        private static void Run(FirmwareApplication application, Enc28j60Driver driver, InterruptWait wait)
        {
            bool linkUp = driver.IsUp;
            while (true)
            {
                long next = application.Poll(Environment.TickCount64);
                if (driver.IsUp != linkUp)
                {
                    linkUp = driver.IsUp;
                    Console.WriteLine(linkUp ? "nanoTcp: link up" : "nanoTcp: link down");
                }
                wait.Until(next);
            }
        }

        private static string InitResultName(Enc28j60InitResult result)
        {
            switch (result)
            {
                case Enc28j60InitResult.NoDevice: return "no device";
                case Enc28j60InitResult.SpiClockTooSlow: return "SPI clock below 8 MHz on rev B1/B4";
                case Enc28j60InitResult.PhyTimeout: return "PHY timeout";
                default: return "unknown";
            }
        }
    }
}
