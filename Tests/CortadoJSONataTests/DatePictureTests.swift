import CortadoJSON
import Testing

@testable import CortadoJSONata

/// `$now`, `$fromMillis` and `$toMillis` with pictures and time zones ("Date/Time functions" and "Date/Time
/// processing" of the JSONata documentation). 1510067557121 is Tuesday 2017-11-07T15:12:37.121Z.
struct DatePictureTests {
    @Test(arguments: [
        ("$fromMillis(1510067557121)", "2017-11-07T15:12:37.121Z"),
        ("$fromMillis(1510067557121, '[M01]/[D01]/[Y0001] [h#1]:[m01][P]')", "11/07/2017 3:12pm"),
        ("$fromMillis(1510067557121, '[H01]:[m01]:[s01] [z]', '-0500')", "10:12:37 GMT-05:00"),
        ("$fromMillis(1510067557121, '[Y0001]-[M01]-[D01]')", "2017-11-07"),
        ("$fromMillis(1510067557121, '[FNn], [D1o] [MNn] [Y]')", "Tuesday, 7th November 2017"),
        ("$fromMillis(1510067557121, '[FNn,*-3], [DWwo] [MNn] [Y]')", "Tue, Seventh November 2017"),
        ("$fromMillis(1510067557121, '[D1o] [MNn,*-3] [Y,*-2] [Y,2]')", "7th Nov 17 2017"),
        ("$fromMillis(1510067557121, '[MN] [Mn] [M] [F] [F1]')", "NOVEMBER november 11 tuesday 2"),
        ("$fromMillis(1510067557121, '[Y]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]')", "2017-11-07T15:12:37.121Z"),
        ("$fromMillis(1510067557121, '[Y]-[M01]-[D01]T[H01]:[m01]:[s01][Z0100]', '+0530')", "2017-11-07T20:42:37+0530"),
        ("$fromMillis(1510067557121, $nothing, '-0500')", "2017-11-07T10:12:37.121-05:00"),
        ("$fromMillis(1510067557121, '[d] [W] [X] [w] [x]')", "311 45 2017 2 11"),
        ("$fromMillis(1451606400000, '[X]-W[W]-[F1]')", "2015-W53-5"),
        ("$fromMillis(1510067557121, '[H01]:[m01] [PN]')", "15:12 PM"),
        ("$fromMillis(1510067557121, '[h]:[m] [P]', '-1200')", "3:12 am"),
        ("$fromMillis(1510067557121, '[Y0001] [[literal]]')", "2017 [literal]"),
        ("$fromMillis(1510067557121, '[Y01]')", "17"),
        ("$fromMillis(1510067557121, '[YI] [Yw]')", "MMXVII two thousand and seventeen"),
        ("$fromMillis(1510067557121, '[f] [f01] [f0001]')", "121 12 1210"),
        ("$fromMillis(1510067557121, '[Z] [Z0] [z]')", "+00:00 +0 GMT+00:00"),
        ("$fromMillis(1510067557121, '[Z] [Z0] [Z0:00] [z]', '-0530')", "-05:30 -5:30 -5:30 GMT-05:30"),
        ("$fromMillis(1510067557121, '[D,2] [M,2]')", "07 11"),
        ("$fromMillis(1510067557121, '[ Y0001 ]')", "2017"),
        ("$fromMillis(-1, '[Y0001]-[M01]-[D01] [H01]:[m01]:[s01].[f001]')", "1969-12-31 23:59:59.999"),
        ("$now()", "1970-01-01T00:00:00.000Z"),
        ("$now('[Y0001]')", "1970"),
        ("$now('[H01]:[m01]', '+0100')", "01:00"),
        ("$toMillis('10/12/2018', '[D]/[M]/[Y]') ~> $fromMillis('[M]/[D]/[Y]')", "12/10/2018"),
        ("$toMillis('10/12/2018', '[D]/[M]/[Y]') ~> $fromMillis('[FNn], [D1o] [MNn] [YI]')", "Monday, 10th December MMXVIII"),
    ])
    func format(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression) == .string(expected), "\(expression)")
    }

    @Test(arguments: [
        ("$toMillis('2017-11-07T15:07:54.972Z')", 1_510_067_274_972),
        ("$toMillis('20181210', '[Y0001][M01][D01]')", 1_544_400_000_000),
        ("$toMillis('Monday, 10th December MMXVIII', '[FNn], [D1o] [MNn] [YI]')", 1_544_400_000_000),
        ("$toMillis('10 Dec 2018', '[D] [MNn,*-3] [Y]')", 1_544_400_000_000),
        ("$toMillis('2018-12-10 13:45', '[Y]-[M]-[D] [H]:[m]')", 1_544_449_500_000),
        ("$toMillis('2018-12-10T13:45:00+01:00', '[Y]-[M]-[D]T[H]:[m]:[s][Z]')", 1_544_445_900_000),
        ("$toMillis('2018-12-10 13:45 GMT+01:00', '[Y]-[M]-[D] [H]:[m] [z]')", 1_544_445_900_000),
        ("$toMillis('2018-12-10', '[Y]-[M]-[D]')", 1_544_400_000_000),
        ("$toMillis('2018-12', '[Y]-[M]')", 1_543_622_400_000),
        ("$toMillis('2018-344', '[Y]-[d]')", 1_544_400_000_000),
        ("$toMillis('3:45pm', '[h]:[m01][P]')", 56_700_000),
        ("$toMillis('12:05am', '[h]:[m01][P]')", 300_000),
        ("$toMillis('1970-01-01T00:00:00.5', '[Y]-[M]-[D]T[H]:[m]:[s].[f]')", 500),
        ("$toMillis('twenty-third of March, two thousand and eighteen', '[Dwo] of [MNn], [Yw]')", 1_521_763_200_000),
        (
            "$fromMillis(1510067557121, '[FNn], [D1o] [MNn] [Y] [H01]:[m01]:[s01].[f001]') ~> $toMillis('[FNn], [D1o] [MNn] [Y] [H01]:[m01]:[s01].[f001]')",
            1_510_067_557_121
        ),
    ])
    func parse(_ expression: String, _ expected: Int) throws {
        #expect(try eval(expression) == .int(expected), "\(expression)")
    }

    @Test func textThatDoesNotMatchThePictureIsUndefined() throws {
        #expect(try eval("$toMillis('2018/12', '[Y]-[M]')") == nil)
    }

    @Test(arguments: [
        ("$fromMillis(0, '[Q]')", "D3132"),
        ("$fromMillis(0, '[YN]')", "D3133"),
        ("$fromMillis(0, '[Z00000]')", "D3134"),
        ("$fromMillis(0, '[Y')", "D3135"),
        ("$toMillis('2018-10', '[Y]-[D]')", "D3136"),
        ("$toMillis('yesterday')", "D3110"),
        ("$fromMillis(0, '[YQ]')", "D3130"),
    ])
    func errors(_ expression: String, _ code: String) {
        #expect(errorCode(expression) == code, "\(expression)")
    }
}
