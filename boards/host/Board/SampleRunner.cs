using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using NanoTcp.Sample;
using NanoTcp.VirtualBoard.Network;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>
    /// <c>--app sample</c>: the sample application (firmware/Sample/SampleApplication.cs) on the TAP device, with the
    /// same main loop as its ESP32 entry point: poll, then sleep until the next deadline or a frame.
    /// </summary>
    public static class SampleRunner
    {
        private const int MaxSleepMs = 1000;

        /// <summary>Runs the sample on <paramref name="network"/> until SIGINT/SIGTERM.</summary>
        public static void Run(BoardOptions options, BoardNetwork network)
        {
            var application = new SampleApplication(network.Tap, options.MacAddress, options.IpAddress);
            bool stop = false;
            Action<PosixSignalContext> onSignal = c => { c.Cancel = true; stop = true; network.Tap.Wake(); };
            using (PosixSignalRegistration.Create(PosixSignal.SIGINT, onSignal))
            using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, onSignal))
            {
                string where = network.Namespace != null ? "ip netns exec " + options.Namespace + " " : "";
                Console.Out.WriteLine("nanotcp-board: sample application at " + Ip4.ToString(options.IpAddress) + "; try: " +
                    where + "telnet " + Ip4.ToString(options.IpAddress) + " " + SampleApplication.Port + "; Ctrl+C stops the board");
                Stopwatch clock = Stopwatch.StartNew();
                while (!stop)
                {
                    long next = application.Poll(clock.ElapsedMilliseconds);
                    long sleep = next - clock.ElapsedMilliseconds;
                    if (sleep > 0) network.Tap.Wait(sleep > MaxSleepMs ? MaxSleepMs : (int)sleep);
                }
            }
        }
    }
}
