using NanoTcp.Dhcp;

namespace NanoTcp.Firmware
{
    /// <summary>How the address was obtained, as the log and <c>ifconfig</c> print it: " (dhcp from S, lease N s)" or " (static)".</summary>
    public static class AddressSource
    {
        /// <summary>Appends the source of the stack's address to <paramref name="text"/> (allocation-free).</summary>
        public static void Write(AsciiWriter text, NetworkStack stack, long nowMs)
        {
            DhcpClient dhcp = stack.Dhcp;
            if (dhcp != null && dhcp.HasLease)
            {
                text.Write(" (dhcp from ");
                text.WriteIp(dhcp.Lease.Server);
                long left = dhcp.LeaseRemainingMs(nowMs);
                if (left == long.MaxValue) text.Write(", infinite lease)");
                else
                {
                    text.Write(", lease ");
                    text.WriteDecimal(left / 1000);
                    text.Write(" s left)");
                }
            }
            else if (dhcp != null && dhcp.UsingFallback) text.Write(" (static fallback, no DHCP server answered)");
            else text.Write(" (static)");
        }
    }
}
