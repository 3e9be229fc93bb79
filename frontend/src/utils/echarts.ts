// ECharts on demand: only the charts, components and renderer registered
// here are bundled, and only into the (lazy) pages that import this file.
// Staff statistics pages will import it with vue-echarts:
//   import { use } from '@/utils/echarts'; import VChart from 'vue-echarts'
import { use } from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer])

export { use }
