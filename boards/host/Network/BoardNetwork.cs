using System;
using NanoTcp.VirtualBoard.Tap;

namespace NanoTcp.VirtualBoard.Network
{
    /// <summary>
    /// The board's Ethernet: a TAP device, either created inside a private network namespace whose Linux side
    /// gets the PC's address (the main job, tests, benchmarks), or an existing device attached by name in the
    /// current namespace (<c>--tap</c>). Disposing closes the device (a non-persistent TAP disappears with it)
    /// and deletes the namespace this object created.
    /// </summary>
    public sealed class BoardNetwork : IDisposable
    {
        /// <summary>Name of the TAP device inside a board's namespace.</summary>
        public const string DefaultDeviceName = "nanotcp0";

        /// <summary>The TAP device the board reads and writes.</summary>
        public TapLink Tap { get; private set; }

        /// <summary>The namespace holding the device, or null when attached with <c>--tap</c>.</summary>
        public NetworkNamespace Namespace { get; private set; }

        private BoardNetwork(TapLink tap, NetworkNamespace ns)
        {
            Tap = tap;
            Namespace = ns;
        }

        /// <summary>
        /// Explains in one line why the board cannot run here (not root, no /dev/net/tun), or returns null.
        /// </summary>
        public static string CheckPrerequisites(bool needsNamespace)
        {
            if (!System.IO.File.Exists("/dev/net/tun"))
                return "no /dev/net/tun: the Linux TUN/TAP driver is needed (modprobe tun; in a container add --device /dev/net/tun)";
            if (Native.LibC.GetEUid() != 0)
                return needsNamespace
                    ? "needs root to create the network namespace and TAP device: run it with sudo"
                    : "needs root (or CAP_NET_ADMIN) to open a TAP device: run it with sudo";
            return null;
        }

        /// <summary>
        /// Creates namespace <paramref name="namespaceName"/>, creates the TAP device inside it, gives the Linux
        /// side <paramref name="hostAddressCidr"/> (e.g. "192.0.2.1/24") and brings it up.
        /// </summary>
        public static BoardNetwork CreateInNamespace(string namespaceName, string hostAddressCidr)
        {
            NetworkNamespace ns = NetworkNamespace.Create(namespaceName);
            TapLink tap = null;
            try
            {
                // The device is created from inside the namespace (setns on this thread), so it never
                // exists in the caller's namespace and parallel boards cannot collide on its name.
                using (ns.Enter())
                {
                    tap = TapLink.Open(DefaultDeviceName);
                }
                ns.Ip("addr", "add", hostAddressCidr, "dev", tap.Name);
                ns.Ip("link", "set", tap.Name, "up");
                // Multicast (mDNS on 224.0.0.251) leaves through the board's link: dig/avahi in the namespace need the route.
                ns.Ip("route", "add", "224.0.0.0/4", "dev", tap.Name);
                return new BoardNetwork(tap, ns);
            }
            catch
            {
                tap?.Dispose();
                ns.Dispose();
                throw;
            }
        }

        /// <summary>Attaches to (or creates) TAP device <paramref name="name"/> in the current namespace.</summary>
        public static BoardNetwork Attach(string name)
        {
            return new BoardNetwork(TapLink.Open(name), null);
        }

        /// <summary>Closes the device, then deletes the namespace if this object created it.</summary>
        public void Dispose()
        {
            Tap?.Dispose();
            Tap = null;
            Namespace?.Dispose();
            Namespace = null;
        }
    }
}
