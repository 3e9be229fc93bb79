// ECharts on demand: only the charts, components and renderer registered
// here are bundled, and only into the (lazy) staff pages that import this
// file through components/staff/ReportChart.vue. The aria component gives
// each chart a description screen readers can read.
import { use } from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, PieChart, AriaComponent, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer])

export { use }
