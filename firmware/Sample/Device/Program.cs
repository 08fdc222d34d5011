using System;
using System.Device.Gpio;
using System.Threading;
using NanoTcp.Boards;
using NanoTcp.Boards.Device;
using NanoTcp.Enc28j60;
using NanoTcp.Enc28j60.Device;

namespace NanoTcp.Sample.Device
{
    /// <summary>
    /// ESP32 entry point of the sample: board pins → ENC28J60 driver → stack → <see cref="SampleApplication"/>.
    /// Edit the board, the MAC and the IP address, then deploy; <c>telnet 192.168.1.51 7</c> answers "hi".
    /// </summary>
    public static class Program
    {
        // Locally administered unicast: give every board on the LAN its own (see README.md, "MAC address").
        private static readonly byte[] MacAddress = { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x51 };

        /// <summary>Start-up and main loop (never returns).</summary>
        public static void Main()
        {
            BoardDefinition board = new Esp32DevKitC();
            Esp32SpiPins.Route(board);
            var gpio = new GpioController();
            var spi = new Enc28j60SpiBus(gpio, board.ChipSelectPin, board.SpiClockHz, board.SpiBusId);
            var options = new Enc28j60Options { MacAddress = MacAddress, SpiClockHz = spi.ClockHz };
            IResetPin reset = board.ResetPin != BoardDefinition.NoPin ? new GpioResetPin(gpio, board.ResetPin) : null;
            var driver = new Enc28j60Driver(spi, new Esp32MicrosecondClock(), options, reset, null);
            while (driver.Initialize() != Enc28j60InitResult.Success)
            {
                Console.WriteLine("sample: no ENC28J60 answers on SPI" + board.SpiBusId + ", check the wiring");
                Thread.Sleep(2000);
            }

            var application = new SampleApplication(driver, MacAddress, Ip4.Address(192, 168, 1, 51));
            Console.WriteLine("sample: listening on 192.168.1.51 port " + SampleApplication.Port);
            while (true)
            {
                long next = application.Poll(Environment.TickCount64);
                // Without the INT pin, poll at least every 2 ms so frames are picked up promptly.
                long sleep = next - Environment.TickCount64;
                Thread.Sleep(sleep < 1 ? 0 : (sleep > 2 ? 2 : (int)sleep));
            }
        }
    }
}
