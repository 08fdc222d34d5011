using System;
using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using NanoTcp.VirtualBoard.Board;
using NanoTcp.VirtualBoard.Network;
using NanoTcp.VirtualBoard.Tap;

namespace NanoTcp.VirtualBoard
{
    /// <summary>
    /// <c>nanotcp-board</c>: runs the nanoTcp firmware on Linux over a TAP device (boards/host/README.md).
    /// </summary>
    public static class Program
    {
        /// <summary>Exit codes: 0 clean stop, 1 run-time failure, 2 cannot run here (not root, no TUN/TAP), 3 bad arguments.</summary>
        public const int ExitOk = 0, ExitFailure = 1, ExitCannotRun = 2, ExitBadArguments = 3;

        /// <summary>Entry point.</summary>
        public static int Main(string[] args)
        {
            return BoardCommand.Build().Parse(args).Invoke();
        }

        /// <summary>Runs a board with parsed options until a signal stops it. Returns the exit code.</summary>
        public static int Run(BoardOptions options, bool statusLine)
        {
            string problem = BoardNetwork.CheckPrerequisites(options.TapName == null);
            if (problem != null)
            {
                Console.Error.WriteLine("nanotcp-board: " + problem);
                return ExitCannotRun;
            }
            BoardNetwork network;
            try
            {
                network = options.TapName == null
                    ? BoardNetwork.CreateInNamespace(options.Namespace, HostCidr(options))
                    : BoardNetwork.Attach(options.TapName);
            }
            catch (Exception e) when (e is TapException || e is InvalidOperationException)
            {
                Console.Error.WriteLine("nanotcp-board: " + e.Message);
                return ExitCannotRun;
            }
            if (options.Sample)
            {
                using (network) SampleRunner.Run(options, network);
                return Stopped(options);
            }
            using (network)
            using (Dnsmasq dnsmasq = StartDnsmasq(options, network))
            {
                VirtualBoard.Board.VirtualBoard board;
                try
                {
                    board = new VirtualBoard.Board.VirtualBoard(options, network.Tap, Console.Out);
                }
                catch (Exception e) when (e is NotSupportedException || e is System.IO.IOException || e is UnauthorizedAccessException)
                {
                    Console.Error.WriteLine("nanotcp-board: " + e.Message);
                    return ExitFailure;
                }
                using (board)
                using (PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; board.RequestStop(); }))
                using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; board.RequestStop(); }))
                using (PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; board.RequestStop(); }))
                {
                    Banner.Write(Console.Out, options, network, board);
                    var status = new StatusLine(Console.Out, !Console.IsOutputRedirected && !options.Trace);
                    if (statusLine) board.EverySecond = status.Update;
                    board.Run();
                    status.End();
                }
                if (board.Fault != null) return ExitFailure;
            }
            return Stopped(options);
        }

        private static int Stopped(BoardOptions options)
        {
            Console.Out.WriteLine(options.TapName == null
                ? "nanotcp-board: stopped; namespace " + options.Namespace + " and its TAP device removed"
                : "nanotcp-board: stopped; TAP device " + options.TapName + " released");
            return ExitOk;
        }

        /// <summary>
        /// The namespace's DHCP/DNS server for a DHCP board. Missing dnsmasq is not an error: one line says how to
        /// install it and the board carries on with its static address.
        /// </summary>
        private static Dnsmasq StartDnsmasq(BoardOptions options, BoardNetwork network)
        {
            if (!options.Dhcp) return null;
            if (network.Namespace == null || Dnsmasq.Find() == null)
            {
                options.Dhcp = false;
                Console.Out.WriteLine(network.Namespace == null
                    ? "nanotcp-board: --tap: no DHCP server is started on an existing device; using the static address " + Ip4.ToString(options.IpAddress)
                    : "nanotcp-board: dnsmasq is not installed (" + Dnsmasq.InstallHint + "); using the static address " + Ip4.ToString(options.IpAddress));
                return null;
            }
            return Dnsmasq.Start(network.Namespace, network.Tap.Name, 3600, new string[0]);
        }

        private static string HostCidr(BoardOptions options)
        {
            int prefix = 0;
            for (uint m = options.SubnetMask; (m & 0x80000000) != 0; m <<= 1) prefix++;
            return Ip4.ToString(options.HostAddress) + "/" + prefix.ToString(CultureInfo.InvariantCulture);
        }
    }
}
