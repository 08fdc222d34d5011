using NanoTcp.Sntp;

namespace NanoTcp.Firmware
{
    /// <summary><c>date</c>: UTC from SNTP (RFC 4330), as "2026-12-02 06:52:01 UTC", with its source.</summary>
    public sealed class DateCommand : ShellCommand
    {
        /// <summary>Creates the command.</summary>
        public DateCommand() : base("date", "date", "UTC time from the network (SNTP)")
        {
        }

        /// <inheritdoc />
        public override bool Start(ShellContext context, CommandLine arguments, long nowMs)
        {
            AsciiWriter output = context.Output;
            SntpClient sntp = context.Environment.Stack.Sntp;
            if (sntp == null || !sntp.Synchronized)
            {
                output.WriteLine(sntp == null ? "date: SNTP is off (FirmwareSettings.Sntp)" : "date: not synchronised yet (no NTP server from DHCP or settings, or no answer)");
                return true;
            }
            WriteUtc(output, sntp.UnixTimeMs(nowMs));
            output.Write(" UTC (sntp ");
            output.WriteIp(sntp.Server);
            output.Write(", stratum ");
            output.WriteDecimal(sntp.Stratum);
            output.WriteLine(")");
            return true;
        }

        /// <summary>Writes Unix milliseconds as "YYYY-MM-DD hh:mm:ss" (proleptic Gregorian calendar).</summary>
        public static void WriteUtc(AsciiWriter output, long unixMs)
        {
            long seconds = unixMs / 1000;
            long days = seconds / 86400;
            long rest = seconds % 86400;
            // Days since 1970-01-01 to a civil date: count in 400-year eras of 146097 days starting on 0000-03-01,
            // so the leap day is the last day of each computed year.
            long z = days + 719468;
            long era = z / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long mp = (5 * dayOfYear + 2) / 153;
            long day = dayOfYear - (153 * mp + 2) / 5 + 1;
            long month = mp < 10 ? mp + 3 : mp - 9;
            long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
            output.WriteZeroPadded(year, 4);
            output.Write("-");
            output.WriteZeroPadded(month, 2);
            output.Write("-");
            output.WriteZeroPadded(day, 2);
            output.Write(" ");
            output.WriteZeroPadded(rest / 3600, 2);
            output.Write(":");
            output.WriteZeroPadded(rest / 60 % 60, 2);
            output.Write(":");
            output.WriteZeroPadded(rest % 60, 2);
        }
    }
}
