"""Word lists used by the quotation extractor.

Kept apart from the rules so that a newsroom can extend them (a new cue verb,
a local title) without reading the algorithm. Everything is lower case unless
the comment says otherwise; look-ups are by ``word.lower()``.
"""

# Verbs that introduce or close a direct quotation ("…," she *said*).
CUE_VERBS = frozenset(
    """
    said says say told tells added adds asked asks declared declares wrote writes
    explained explains noted notes recalled recalls continued continues stated
    states insisted insists argued argues warned warns replied replies responded
    responds answered answers acknowledged acknowledges admitted admits announced
    announces remarked remarks shouted yelled joked jokes laughed sighed whispered
    emphasized emphasised stressed stresses conceded concedes countered counters
    claimed claims testified posted tweeted predicted predicts promised promises
    cautioned cautions urged urges observed observes recounted recounts agreed
    agrees concluded concludes pleaded vowed vows boasted complained complains
    quipped mused lamented laments suggested suggests maintained maintains
    reiterated reiterates confirmed confirms assured assures pleaded begged
    interjected exclaimed demanded demands wondered wonders reflected reflects
    texted emailed explained cried shrugged smiled grumbled muttered snapped
    affirmed affirms contended contends asserted asserts opined
    pleaded pleads pled implored implores beseeched appealed scoffed scoffs
    sneered snorted chuckled reported reports recalled quipped retorted
    retorts barked bellowed roared thundered mocked teased gushed raved
    ranted fumed griped protested protests objected objects charged charges
    alleged alleges accused accuses conceded acknowledged marveled marvelled
    boasts brags bragged mused predicted explains elaborated clarified
    exhorted exhorts proclaimed proclaims
    """.split()
)

# Multi-word cues, matched as phrases ("she *went on*", "Reyes *put it*:").
CUE_PHRASES = (
    "went on",
    "pointed out",
    "points out",
    "put it",
    "puts it",
    "shot back",
    "fired back",
    "chimed in",
    "summed it up",
    "sums it up",
    "told reporters",
    "wrote in",
)

# Verbs that frame a partial quote inside paraphrase (Bass *called* it "a pretext").
PARAPHRASE_VERBS = frozenset(
    """
    called calling described describing describes labeled labelled
    labeling termed branded characterized characterised blasted praised
    criticized criticised hailed deemed likened referred promised promising
    vowed vowing warned warning urged urging pledged pledging saying telling
    describe insisting reminded reminding arguing noting adding admitting calling
    calls labels terms brands praises criticizes blasts hails likens
    tweeting writing asking declaring explaining claiming stating suggesting
    complaining accusing joking boasting predicting recalling asserting
    """.split()
)

# Words before a quoted term that mark it as a name, not speech (the so-called "…").
NON_SPEECH_LEADERS = frozenset(
    """
    so-called dubbed nicknamed titled entitled named billed branded known
    reading read marked labeled labelled call calls
    """.split()
)

# Nouns that announce the title of a work (the documentary "Salt Marsh Blues").
WORK_NOUNS = frozenset(
    """
    film movie book novel memoir song album single play musical show series
    episode documentary exhibit exhibition podcast poem essay painting mural
    sculpture headline column article opera ballet anthology collection comic
    slogan motto banner sign hashtag program programme initiative campaign
    festival tour production track chapter report study
    """.split()
)

# Capitalised words that start a sentence or a date, never a name.
NON_NAME_CAPS = frozenset(
    """
    the a an in on at of for and but or so yet if when while after before since
    during as with without by from to this that these those it its their his
    her our my your we they he she i you there here then than though although
    because once until unless whether where who what which why how however
    meanwhile still also just even only some many most more few several all
    both each every no not one two three four five six seven eight nine ten
    last next early late later earlier monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september
    october november december jan feb mar apr jun jul aug sep sept oct nov dec
    today yesterday tonight asked according like instead despite among about
    over under into through across against between near around inside outside
    officials residents police firefighters students parents neighbors
    neighbours witnesses authorities organizers organisers
    """.split()
)

# Titles and honorifics stripped from a canonical name (kept as the role).
# The value is the gender the honorific implies, or "" when it says nothing.
HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "mx": "",
    "mx.": "",
    "sir": "m",
    "dame": "f",
    "lady": "f",
    "lord": "m",
}
TITLE_WORDS = frozenset(
    """
    mayor chief sheriff superintendent principal coach judge justice dr dr.
    gov gov. governor sen sen. senator rep rep. representative president
    director commissioner officer sgt sgt. sergeant lt lt. lieutenant capt
    capt. captain det det. detective deputy pastor rev rev. reverend
    father sister rabbi imam bishop professor prof prof. councilwoman
    councilman councilmember councillor councilor alderman alderwoman
    assemblymember assemblywoman assemblyman trustee chair chairman chairwoman
    chairperson treasurer secretary clerk marshal ranger inspector constable
    supervisor administrator manager dean provost chancellor general gen gen.
    colonel col col. major admiral corporal private nurse attorney prosecutor
    ambassador minister premier congressman congresswoman speaker warden
    commander fire police county city state assistant vice interim acting
    former head senior deputy district democratic republican independent
    board school athletic executive council member members u.s. us federal mr mrs ms
    miss mx sir dame lady lord
    """.split()
)

# Descriptions written before a name with a capital at the start of a
# sentence ("Linebacker Sam Okafor", "Neighbor Patricia Dunmore").
DESCRIPTORS = frozenset(
    """
    junior senior sophomore freshman neighbor neighbour linebacker organizer
    organiser volunteer resident longtime retired veteran local parent
    """.split()
)

# Abbreviated titles, spelled out so "the lieutenant" finds "Lt. Cordero".
TITLE_ABBREVIATIONS = {
    "lt": "lieutenant",
    "sgt": "sergeant",
    "capt": "captain",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "det": "detective",
    "supt": "superintendent",
    "prof": "professor",
    "rev": "reverend",
    "dr": "doctor",
    "gen": "general",
    "col": "colonel",
    "cmdr": "commander",
}

# Role nouns: the last word of a description that can stand for a person.
ROLE_NOUNS = frozenset(
    """
    mayor chief sheriff superintendent principal coach judge governor senator
    president director commissioner officer sergeant lieutenant captain
    detective deputy pastor reverend professor councilwoman councilman
    councilmember trustee chair chairman chairwoman treasurer clerk spokesperson
    spokesman spokeswoman representative manager owner founder resident teacher
    student neighbor neighbour witness attorney lawyer prosecutor defender
    firefighter paramedic nurse doctor physician organizer organiser volunteer
    official administrator spokesperson ranger inspector supervisor dean
    chancellor engineer analyst economist historian scientist researcher
    farmer baker chef player quarterback pitcher goalkeeper striker forward
    guard captain midfielder veteran survivor mother father daughter son
    grandmother grandfather woman man girl boy democrat republican candidate
    incumbent challenger lawmaker legislator executive ceo developer landlord
    tenant shopkeeper worker employee nominee activist advocate pilot driver
    author writer artist musician director commander marshal warden minister
    biologist meteorologist forecaster geologist planner curator librarian
    coordinator agent chaplain
    """.split()
)

# Words that make a capitalised name an organisation, not a person.
ORG_WORDS = frozenset(
    """
    office department district council service services agency company inc
    inc. llc corp corp. corporation association union board commission
    authority police bureau committee club team foundation institute
    university college school academy hospital clinic church ministry
    court party coalition alliance society center centre group network
    administration patrol guard army navy fund trust bank cooperative co-op
    league federation chamber utility utilities press times news gazette
    post herald tribune museum library partners industries enterprises
    sheriff's elementary preschool electric energy power transport transit
    medical health healthcare renewables wireless communications freight
    holdings systems solutions logistics airlines motors foods farms
    railroad railway realty properties pharmacy insurance construction
    house senate congress convention caucus poll campaign network
    force forces corps marines journal magazine organization organisation
    institution pac government legislature assembly parliament embassy
    """.split()
)

# Words that make a capitalised name a place (the "Pine Hollow" of "in Pine Hollow").
PLACE_WORDS = frozenset(
    """
    county city town village street st road rd avenue ave boulevard blvd lane
    drive way highway park river lake valley heights hollow beach bay creek
    hill hills island springs township bridge hall mall square plaza harbor
    harbour port mountain mount mt forest falls ridge canyon point station
    airport stadium field arena gym gymnasium market north south east west
    state states america
    """.split()
)

# Small first-name lists: a prior for pronoun gender when the article gives none.
FEMALE_NAMES = frozenset(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen
    lisa nancy betty sandra margaret ashley kimberly emily donna michelle carol
    amanda melissa deborah stephanie rebecca laura sharon cynthia kathleen amy
    angela shirley anna brenda pamela emma nicole helen samantha katherine
    christine debra rachel carolyn janet maria catherine heather diane olivia
    julie joyce victoria ruth virginia lauren kelly christina joan evelyn judith
    andrea hannah megan cheryl jacqueline martha madison teresa gloria sara
    janice ann kathryn abigail sophia frances jean alice judy isabella julia
    grace amber denise danielle marilyn beverly charlotte natalie theresa diana
    brittany doris kayla alexis lori marie rosa ana lucia sofia camila valeria
    mia ava chloe zoe priya anita aisha fatima mei yuki leila nadia ingrid
    elena irene gwen tanya renee monica vanessa erin tara paula wendy yvonne
    rita nora ellen claire hazel iris ruby esther dolores carmen beatriz
    marisol lupe keisha latoya shanice tamika dana bonnie connie dorothy agnes
    joy beatrice marjorie vivian sylvia celeste marianne aaliyah lorraine
    jane june peggy sally sue molly lucy ella stella violet audrey ivy
    naomi leah miriam deborah gail lynn jill jenny kate katie meg beth
    alicia bernadette colleen eileen maureen noreen siobhan fiona
    hillary melania ivanka chelsea huma kellyanne loretta debbie carly nikki
    condoleezza madeleine michele michelle jill hope jeanne dianne kirsten
    tammy amy claire marsha susana jan sheila ayanna kamala elise liz
    jennifer donna maxine barbara nancy ileana kelly sally katrina dana
    """.split()
)
MALE_NAMES = frozenset(
    """
    james robert john michael david william richard joseph thomas charles
    christopher daniel matthew anthony mark donald steven paul andrew joshua
    kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob
    gary nicholas eric jonathan stephen larry justin scott brandon benjamin
    samuel gregory alexander frank patrick raymond jack dennis jerry tyler
    aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy
    walter christian keith roger terry austin sean gerald carl harold dylan
    arthur lawrence jordan jesse bryan billy bruce gabriel joe logan alan
    juan albert willie elijah wayne randy vincent mason roy ralph bobby russell
    bradley philip eugene luis carlos miguel diego javier marco omar ahmed
    hassan raj arjun wei hiroshi kenji tom tim jim bill bob mike dave steve
    rick ted ken don ben sam dan nick greg frank hank otis marcus darnell
    tyrone jamal andre victor hector rafael ernesto felix oscar hugo ivan
    leon neil colin graham ian malcolm stuart trevor wade clint dale glenn
    ray al ed pat alex lee max gus walt hal lou stan earl ned vic curtis
    howard gene lloyd floyd vernon herbert harvey milton leonard ernest
    warren byron dwight reggie darius kareem tariq mohammed ali devon
    owen liam connor declan seamus brendan kieran rory shane derek herman
    norman sherman truman
    donald barack bernie hillary mitt jeb rand marco newt rudy reince chris
    ted mike lindsey mitch harry rick joe tim bernard martin jim john kevin
    ben lincoln chuck elijah trey devin jason corey sean steve roger karl
    reid tom rahm rush glenn bret wolf anderson jake chuck lester matt
    paul dick colin al jimmy ronald gerald lyndon dwight franklin barry
    """.split()
)

# Places that are named alone and would otherwise read as surnames
# ("Virginia said…" is a state's government, never a woman called Virginia
# in political reporting). Lower case, multi-word names joined by a space.
PLACE_NAMES = frozenset(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware
    florida georgia hawaii idaho illinois indiana iowa kansas kentucky
    louisiana maine maryland massachusetts michigan minnesota mississippi
    missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
    tennessee texas utah vermont virginia washington wisconsin wyoming
    america britain england france germany russia china japan mexico canada
    israel iran iraq syria egypt libya turkey india pakistan afghanistan
    cuba venezuela brazil ukraine europe africa asia korea vietnam italy
    spain greece ireland scotland australia saudi qatar yemen jordan lebanon
    benghazi orlando chicago boston philadelphia cleveland detroit atlanta
    miami dallas houston denver phoenix seattle baltimore manhattan brooklyn
    hollywood wall moscow beijing london paris berlin tehran jerusalem
    """.split()
) | frozenset(
    (
        "new york", "new jersey", "new hampshire", "new mexico", "north carolina",
        "south carolina", "north dakota", "south dakota", "west virginia",
        "rhode island", "united states", "los angeles", "san francisco",
        "las vegas", "white house", "capitol hill", "silicon valley",
        "great britain", "north korea", "south korea", "middle east",
        "saudi arabia", "puerto rico", "washington post", "new york times",
    )
)

# Family words and the gender each says ("his daughter, Eleni"), or "".
KINSHIP = {
    "daughter": "f", "son": "m", "wife": "f", "husband": "m", "mother": "f",
    "father": "m", "sister": "f", "brother": "m", "granddaughter": "f",
    "grandson": "m", "niece": "f", "nephew": "m", "widow": "f", "widower": "m",
    "partner": "", "cousin": "", "aunt": "f", "uncle": "m",
}  # fmt: skip
