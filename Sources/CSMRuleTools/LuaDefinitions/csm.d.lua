---@meta csm
-- Definitions of the csm rule API for the Lua Language Server (LuaLS).
-- Editors use them for completion and type checks; csm never runs this file.

---@alias csm.Level "reactive"|"adopting"|"performing"|"optimizing"
---@alias csm.Toward "adopting"|"performing"|"optimizing"
---@alias csm.Effort "small"|"medium"|"large"
---@alias csm.Impact "low"|"medium"|"high"
---@alias csm.DimensionId
---| "customer_lifecycle.codified_journey"
---| "customer_lifecycle.customer_centric_culture"
---| "customer_lifecycle.proactive_engagement"
---| "operating_model.data_driven_insights"
---| "operating_model.cs_role_structure"
---| "operating_model.cx_metrics_alignment"
---| "economic_model.value_measurement"
---| "economic_model.executive_investment"
---| "economic_model.customer_paid_success"
---| "enablement_scale.process_enablement"
---| "enablement_scale.tool_leverage"
---| "enablement_scale.cs_career_culture"
---@alias csm.CompetencyId "customer_lifecycle"|"operating_model"|"economic_model"|"enablement_scale"
---@alias csm.KpiCode
---| "GRR" | "NRR" | "LOGO_CHURN" | "FIRST_YEAR_CHURN" | "TTFV" | "ADOPTION" | "HEALTH_COV" | "HEALTH_ACC"
---| "EARLY_RISK" | "CSQL" | "FCST_ACC" | "NPS" | "CSAT" | "CSM_COV" | "CSM_ATTR" | "CSM_ENGAGE" | "ONB_COMP"
---| "REACTIVE_SHARE" | "PLAYBOOK_ADH" | "DIGITAL_REACH" | "EXPANSION_ARR" | "CS_COST" | "CS_ROI" | "PAID_ATTACH"

---@class csm.Initiative
---@field id string Kebab-case id, stable across versions, for example "health-score-v1".
---@field title string
---@field summary string One or two sentences: what it is and why it matters.
---@field actions string[] Concrete, verifiable steps.
---@field effort csm.Effort
---@field impact csm.Impact
---@field kpis? csm.KpiCode[] KPIs the initiative should move.
---@field requires? string[] Initiative ids that should come first.

---@class csm.Fragment An assessment fragment for an example.
---@field scores? table<csm.DimensionId, number|csm.Level>
---@field targets? table<csm.DimensionId, number|csm.Level>
---@field target? number|csm.Level File-level target.
---@field facts? table<string, number|boolean|string>
---@field respondents? { id: string, role: string, scores: table<csm.DimensionId, number|csm.Level> }[]
---@field params? table<string, number|boolean|string> Pack parameters for this example.
---@field organization? { name: string, segment: string?, industry: string?, region: string? }
---@field assessed_on? string Assessment date, "YYYY-MM-DD" (default "2026-01-01").
---@field factor? number The factor the rule must return (fires examples only).

---@class csm.Examples
---@field fires? csm.Fragment[] Fragments that must make the rule fire.
---@field quiet? csm.Fragment[] Fragments that must not.

---@class csm.Rule
---@field id string Unique rule id: letters, digits, ".", "-", "_".
---@field title string What the rule detects, one line.
---@field description? string
---@field dimensions csm.DimensionId[] Dimensions the rule concerns.
---@field toward csm.Toward The level the initiative builds.
---@field initiative csm.Initiative
---@field reason? string|fun(): string One-line reason shown with the initiative.
---@field when fun(): boolean The condition.
---@field priority? fun(): number?, string? Returns a priority factor (0 to 10) and its reason, or nothing.
---@field examples? csm.Examples
---@field override? boolean Replace a rule with the same id from an earlier pack.

---@class csm.Adjust
---@field id string
---@field title string
---@field description? string
---@field dimensions? csm.DimensionId[] Adjusts initiatives that concern any of these dimensions.
---@field initiatives? string[] Adjusts these initiative ids.
---@field toward? csm.Toward|csm.Toward[] Only initiatives building these levels.
---@field when fun(): boolean
---@field factor number|fun(): number Priority factor, 0 to 10.
---@field reason? string|fun(): string
---@field examples? csm.Examples
---@field override? boolean

---Declares a rule that proposes an initiative.
---@param definition csm.Rule
function rule(definition) end

---Declares a rule that changes the priority of initiatives other rules propose.
---@param definition csm.Adjust
function adjust(definition) end

---The dimension's score from 0 to 3, or nil when it is not assessed.
---@param dimension csm.DimensionId
---@return number?
function score(dimension) end

---The level the dimension's score reaches, or nil when it is not assessed.
---@param dimension csm.DimensionId
---@return csm.Level?
function level(dimension) end

---The dimension's target score.
---@param dimension csm.DimensionId
---@return number
function target(dimension) end

---The level of the dimension's target.
---@param dimension csm.DimensionId
---@return csm.Level
function target_level(dimension) end

---max(0, target - score), or nil when the dimension is not assessed.
---@param dimension csm.DimensionId
---@return number?
function gap(dimension) end

---Whether the dimension has a score.
---@param dimension csm.DimensionId
---@return boolean
function assessed(dimension) end

---The dimension's short display name, for example "Proactive engagement".
---@param dimension csm.DimensionId
---@return string
function name(dimension) end

---How respondents' scores spread, or nil when no respondent scored the dimension.
---@param dimension csm.DimensionId
---@return { count: integer, min: number, max: number, mean: number, stddev: number }?
function spread(dimension) end

---A competency's weighted mean over its assessed dimensions.
---@param competency csm.CompetencyId
---@return { id: string, name: string, score: number?, level: csm.Level?, target: number?, gap: number?, assessed: integer }
function competency(competency) end

---The weighted mean over all assessed dimensions.
---@return { score: number?, level: csm.Level?, target: number?, gap: number?, assessed: integer }
function overall() end

---The n assessed dimensions with the lowest scores (ties by id), optionally within one competency.
---@param n integer
---@param competency? csm.CompetencyId
---@return csm.DimensionId[]
function weakest(n, competency) end

---A fact's value, or nil when the assessment does not give it. Unknown fact names raise an error.
---@param name string
---@return number|boolean|string|nil
function fact(name) end

---Whether the assessment gives the fact.
---@param name string
---@return boolean
function has_fact(name) end

---A parameter of the rule's pack (manifest default, or the value set with --set).
---@param name string
---@return number|boolean|string
function param(name) end

---True when the dimension is assessed, scores below the level, and its target reaches the level.
---@param dimension csm.DimensionId
---@param level csm.Level|number
---@return boolean
function needs(dimension, level) end

---True when the dimension is assessed and scores below the level.
---@param dimension csm.DimensionId
---@param level csm.Level|number
---@return boolean
function below(dimension, level) end

---True when the dimension is assessed and scores at or above the level.
---@param dimension csm.DimensionId
---@param level csm.Level|number
---@return boolean
function at_least(dimension, level) end

---True when the numeric fact is given and below x.
---@param name string
---@param x number
---@return boolean
function fact_below(name, x) end

---True when the numeric fact is given and at least x.
---@param name string
---@param x number
---@return boolean
function fact_at_least(name, x) end

---True when the fact is given and equals value.
---@param name string
---@param value number|boolean|string
---@return boolean
function fact_is(name, value) end

---True when respondents' scores for the dimension range over at least `width` (default 1).
---@param dimension csm.DimensionId
---@param width? number
---@return boolean
function disagree(dimension, width) end

---Formats a ratio as a percentage: percent(0.853) is "85.3 %".
---@param ratio number
---@return string
function percent(ratio) end

---Formats money compactly: money(4200000) is "$4.2M".
---@param amount number
---@return string
function money(amount) end

---The assessed organization.
---@type { name: string, segment: string?, industry: string?, region: string? }
organization = {}

---The assessment date, "YYYY-MM-DD". os.time() returns the same day, at midnight UTC.
---@type string
assessed_on = ""
